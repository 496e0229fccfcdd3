"""Sound in: a WAV recording read as 16 kHz mono samples, a microphone (PortAudio, through
`sounddevice`) or a recording played as if it were one, and WebRTC's voice detector, which marks
the frames that hold speech. A live reading and a file take the same way: `Listening.hear`.

The voice parts are an optional extra (`pip install 'infocoach[voice]'`): without them
`voice_detector` and `LiveMicrophone.start` raise `VoiceUnavailable`, saying what to install.
Nothing here writes a file unless asked to keep a recording.
"""

from __future__ import annotations

import array
import math
import sys
import threading
import time
import wave
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from infocoach.core import speech

SAMPLE_RATE = 16_000
FRAME_SAMPLES = round(SAMPLE_RATE * speech.FRAME_SECONDS)
FRAME_BYTES = FRAME_SAMPLES * 2
# A rehearsal lasts minutes; a file longer than this is no rehearsal, and would fill memory.
MAX_RECORDING_SECONDS = 2 * 60 * 60
VOICE_EXTRA = "pip install 'infocoach[voice]'"
# WebRTC's most careful setting: least likely to take a fan or street noise for a voice.
DETECTOR_MODE = 3
# Folder under the data folder where recordings she asks to keep go (`infocoach recordings`).
RECORDINGS_FOLDER = "recordings"

Hear = Callable[[bytes], None]


class AudioError(Exception):
    """A recording or device that cannot be used, said in one line."""


class VoiceUnavailable(AudioError):
    """The optional voice extra, or the sound system under it, is not installed."""


def voice_detector() -> Callable[[bytes], bool]:
    """Whether one frame (FRAME_BYTES of 16-bit mono at 16 kHz) holds speech."""
    try:
        import webrtcvad
    except ImportError:
        raise VoiceUnavailable(f"listening needs the voice extra: {VOICE_EXTRA}") from None
    detector = webrtcvad.Vad(DETECTOR_MODE)
    return lambda frame: bool(detector.is_speech(frame, SAMPLE_RATE))


def read_wav(path: Path) -> array.array[int]:
    """The recording at `path` as 16-bit mono samples at 16 kHz (channels mixed, resampled)."""
    try:
        with wave.open(str(path), "rb") as recording:
            width, channels = recording.getsampwidth(), recording.getnchannels()
            rate, count = recording.getframerate(), recording.getnframes()
            if count > MAX_RECORDING_SECONDS * rate:
                raise AudioError(
                    f"{path}: {count / rate / 3600:.1f} hours is longer than a rehearsal "
                    f"(the limit is {MAX_RECORDING_SECONDS // 3600} hours)"
                )
            raw = recording.readframes(count)
    except (wave.Error, EOFError) as error:
        raise AudioError(f"{path}: not a WAV recording infocoach can read ({error})") from None
    except IsADirectoryError:
        raise AudioError(f"{path}: a folder, not a WAV recording") from None
    except FileNotFoundError:
        raise AudioError(f"{path}: no such file") from None
    if width not in (1, 2, 3, 4) or channels < 1 or rate < 8000:
        raise AudioError(f"{path}: not a recording of a voice ({rate} Hz, {8 * width}-bit)")
    samples = _to_16_bit(raw, width)
    if channels > 1:
        samples = _mixed_to_mono(samples, channels)
    return _resampled(samples, rate)


def _to_16_bit(raw: bytes, width: int) -> array.array[int]:
    if width == 2:
        samples = array.array("h", raw[: len(raw) // 2 * 2])
        if sys.byteorder == "big":  # WAV is little-endian
            samples.byteswap()
        return samples
    if width == 1:  # unsigned 8-bit
        return array.array("h", ((byte - 128) << 8 for byte in raw))
    # 24- and 32-bit: the two most significant bytes of each little-endian sample
    return array.array(
        "h",
        (
            int.from_bytes(raw[index + width - 2 : index + width], "little", signed=True)
            for index in range(0, len(raw) - width + 1, width)
        ),
    )


def _mixed_to_mono(samples: array.array[int], channels: int) -> array.array[int]:
    frames = len(samples) // channels
    return array.array(
        "h",
        (
            sum(samples[frame * channels : frame * channels + channels]) // channels
            for frame in range(frames)
        ),
    )


def _resampled(samples: array.array[int], rate: int) -> array.array[int]:
    """Nearest-sample resampling: rough for music, plenty for telling speech from silence."""
    if rate == SAMPLE_RATE:
        return samples
    step = rate / SAMPLE_RATE
    count = int(len(samples) / step)
    return array.array("h", (samples[int(index * step)] for index in range(count)))


class Listening:
    """A reading as it is heard: frames judged as they come, the level of the last one for a
    meter, and the measure at the end. `hear` may be called from a sound device's thread."""

    def __init__(self, detector: Callable[[bytes], bool], *, keep: bool = False) -> None:
        self._detector = detector
        self._pending = bytearray()
        self._voiced: list[bool] = []
        self._kept: bytearray | None = bytearray() if keep else None
        self._lock = threading.Lock()
        self.level = 0.0  # 0 to 1: the loudness of the last frame

    def hear(self, chunk: bytes) -> None:
        with self._lock:
            self._pending += chunk
            if self._kept is not None:
                self._kept += chunk
            while len(self._pending) >= FRAME_BYTES:
                frame = bytes(self._pending[:FRAME_BYTES])
                del self._pending[:FRAME_BYTES]
                self._voiced.append(self._detector(frame))
                self.level = _loudness(frame)

    @property
    def seconds(self) -> float:
        return len(self._voiced) * speech.FRAME_SECONDS

    @property
    def voice_now(self) -> bool:
        """Whether the last frame held her voice."""
        with self._lock:
            return bool(self._voiced and self._voiced[-1])

    def measure(self, words: int | None, ask_at_word: int | None = None) -> speech.Speech | None:
        with self._lock:
            voiced = list(self._voiced)
        return speech.measure(voiced, words=words, ask_at_word=ask_at_word)

    def keep(self, folder: Path, when: datetime) -> Path:
        """Write what was heard as a WAV file in `folder`, named by `when`."""
        if self._kept is None:
            raise AudioError("this reading was not being kept")
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{when:%Y-%m-%d-%H%M%S}.wav"
        with self._lock, wave.open(str(path), "wb") as recording:
            recording.setnchannels(1)
            recording.setsampwidth(2)
            recording.setframerate(SAMPLE_RATE)
            recording.writeframes(bytes(self._kept))
        return path


def _loudness(frame: bytes) -> float:
    samples = array.array("h", frame)
    power = sum(sample * sample for sample in samples) / max(1, len(samples))
    return min(1.0, math.sqrt(power) / 8192)


def measure_recording(
    path: Path, words: int | None, ask_at_word: int | None = None
) -> speech.Speech | None:
    """A recording measured the way a live reading is: its frames through `Listening`."""
    listening = Listening(voice_detector())
    listening.hear(read_wav(path).tobytes())
    return listening.measure(words, ask_at_word)


class Microphone(Protocol):
    """Where a live reading comes from: `start` calls `hear` with 16-bit mono 16 kHz chunks
    (from another thread) until `stop`."""

    def start(self, hear: Hear) -> None: ...

    def stop(self) -> None: ...


class LiveMicrophone:
    """The computer's default microphone, through PortAudio."""

    def __init__(self) -> None:
        self._stream: Any = None  # sounddevice's stream, imported only when listening starts

    def start(self, hear: Hear) -> None:
        try:
            import sounddevice
        except ImportError:
            raise VoiceUnavailable(f"listening needs the voice extra: {VOICE_EXTRA}") from None
        except OSError:  # sounddevice is there, the PortAudio library under it is not
            raise VoiceUnavailable(
                "listening needs PortAudio: apt-get install libportaudio2 (or your system's "
                "portaudio package)"
            ) from None

        def on_sound(data: bytes, frames: int, when: object, status: object) -> None:
            hear(bytes(data))

        try:
            stream = sounddevice.RawInputStream(
                samplerate=SAMPLE_RATE,
                channels=1,
                dtype="int16",
                blocksize=FRAME_SAMPLES,
                callback=on_sound,
            )
            stream.start()
        except Exception as error:  # PortAudio's own error type: no microphone, or it is busy
            raise AudioError(f"no microphone to listen with: {error}") from None
        self._stream = stream

    def stop(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            stream.stop()
            stream.close()


class RecordingAsMicrophone:
    """A recording played into `hear` as a microphone would, frame by frame in its own
    thread; `speed` above 1 plays it faster than it was spoken (for tests)."""

    def __init__(self, path: Path, speed: float = 1.0) -> None:
        self._samples = read_wav(path)
        self._speed = speed
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, hear: Hear) -> None:
        self._stopped.clear()
        self._thread = threading.Thread(target=self._play, args=(hear,), daemon=True)
        self._thread.start()

    def _play(self, hear: Hear) -> None:
        pause = speech.FRAME_SECONDS / self._speed
        for start in range(0, len(self._samples), FRAME_SAMPLES):
            if self._stopped.is_set():
                return
            hear(self._samples[start : start + FRAME_SAMPLES].tobytes())
            time.sleep(pause)

    @property
    def finished(self) -> bool:
        return self._thread is not None and not self._thread.is_alive()

    def stop(self) -> None:
        self._stopped.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
