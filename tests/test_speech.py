"""A spoken rehearsal measured: the arithmetic on voiced frames, readings made with espeak-ng
(at two rates, with a pause put in), a recording played as a microphone, and `infocoach pace`."""

from __future__ import annotations

import array
import json
import subprocess
import sys
import time
import wave
from datetime import datetime
from pathlib import Path

import pytest

from infocoach.cli.main import main
from infocoach.core import pacing, speech
from infocoach.exchange import audio
from tests.programs import require_programs

SCRIPT = (
    "Hello, my name is Sam Rivera. I am exploring a move into data engineering, and your work "
    "on the hospital's records caught my eye. I am not asking about jobs; I would simply like "
    "to learn how you got started. Could you spare twenty minutes next week, by phone or over "
    "coffee, whenever suits you?"
)
WORDS = len(pacing.word_spans(SCRIPT))
# A sample at least this loud (of 32,767) is voice, for the test's own account of the truth.
VOICED_AMPLITUDE = 300
A_MORNING = datetime(2026, 12, 7, 9, 30)


def flags(*runs: tuple[bool, float]) -> list[bool]:
    """Voiced / silent frames from (voiced, seconds) runs."""
    return [
        voiced for voiced, seconds in runs for _ in range(round(seconds / speech.FRAME_SECONDS))
    ]


# -- the arithmetic ------------------------------------------------------------------------


def test_the_pace_is_over_the_span_of_the_voice_less_long_pauses() -> None:
    heard = speech.measure(
        flags((False, 2), (True, 10), (False, 0.6), (True, 10), (False, 4), (True, 10), (False, 3)),
        words=100,
    )
    assert heard is not None
    # 34.6 s from the first word to the last, less the 4 s pause: 30.6 s of speaking
    assert heard.speaking_seconds == pytest.approx(30.6, abs=0.05)
    assert heard.wpm == pytest.approx(100 * 60 / 30.6, rel=0.01)
    assert heard.longest_pause == pytest.approx(4.0, abs=0.05)


def test_gaps_between_words_and_clicks_are_not_pauses_or_speech() -> None:
    heard = speech.measure(
        flags((True, 0.03), (False, 1.5), (True, 5), (False, 0.2), (True, 5), (False, 1)),
        words=20,
    )
    assert heard is not None
    assert heard.speaking_seconds == pytest.approx(10.2, abs=0.05)  # the click left out
    assert heard.longest_pause == 0.0


def test_silence_alone_is_no_reading() -> None:
    assert speech.measure(flags((False, 5)), words=10) is None


def test_the_ask_is_found_and_timed_at_an_even_pace() -> None:
    ask = speech.ask_word(SCRIPT)
    assert ask is not None
    assert pacing.word_spans(SCRIPT)[ask][0] == SCRIPT.index("Could you spare")
    heard = speech.measure(flags((True, 30)), words=WORDS, ask_at_word=ask)
    assert heard is not None and heard.ask_seconds is not None
    assert heard.ask_seconds == pytest.approx(30 * ask / WORDS, abs=0.05)
    assert "the ask after" in heard.summary()


def test_the_advice_is_kind_and_says_to_slow_down_only_when_fast() -> None:
    fast = speech.Speech(speaking_seconds=30, longest_pause=0.4, wpm=185)
    calm = speech.Speech(speaking_seconds=30, longest_pause=2.0, wpm=140)
    assert "slow down" in fast.advice()
    assert "slow down" not in calm.advice() and "pause" in calm.advice()


# -- readings made with espeak-ng ----------------------------------------------------------


def spoken(tmp_path: Path, rate: int) -> Path:
    require_programs("espeak-ng", install="apt-get install espeak-ng")
    path = tmp_path / f"read-at-{rate}.wav"
    subprocess.run(["espeak-ng", "-s", str(rate), "-w", str(path), SCRIPT], check=True)
    return path


def samples_of(path: Path) -> tuple[array.array[int], int]:
    with wave.open(str(path)) as recording:
        samples = array.array("h", recording.readframes(recording.getnframes()))
        return samples, recording.getframerate()


def true_pace(path: Path) -> float:
    """The words over the span from the first voiced sample to the last."""
    samples, rate = samples_of(path)
    loud = [index for index, sample in enumerate(samples) if abs(sample) >= VOICED_AMPLITUDE]
    return WORDS * 60 / ((loud[-1] - loud[0]) / rate)


def with_silence_in_the_middle(path: Path, seconds: float) -> Path:
    """The reading with `seconds` of silence put in at the quiet moment nearest its middle."""
    samples, rate = samples_of(path)
    middle = len(samples) // 2
    quiet = min(
        (
            index
            for index in range(0, len(samples) - rate // 10, rate // 100)
            if max(map(abs, samples[index : index + rate // 10])) < VOICED_AMPLITUDE
        ),
        key=lambda index: abs(index - middle),
    )
    out = path.with_name(f"paused-{path.name}")
    with wave.open(str(out), "wb") as recording:
        recording.setnchannels(1)
        recording.setsampwidth(2)
        recording.setframerate(rate)
        silence = array.array("h", bytes(2 * round(seconds * rate)))
        recording.writeframes((samples[:quiet] + silence + samples[quiet:]).tobytes())
    return out


def test_a_reading_at_two_rates_comes_out_near_its_true_pace_in_the_right_order(
    tmp_path: Path,
) -> None:
    paces = {}
    for rate in (120, 190):
        recording = spoken(tmp_path, rate)
        heard = audio.measure_recording(recording, WORDS)
        assert heard is not None and heard.wpm is not None
        assert heard.wpm == pytest.approx(true_pace(recording), rel=0.15), rate
        paces[rate] = heard.wpm
    assert paces[120] < paces[190]


def test_a_three_second_silence_is_the_longest_pause(tmp_path: Path) -> None:
    recording = with_silence_in_the_middle(spoken(tmp_path, 150), 3.0)
    heard = audio.measure_recording(recording, WORDS)
    assert heard is not None
    assert 2.8 <= heard.longest_pause <= 3.6
    without = audio.measure_recording(spoken(tmp_path, 150), WORDS)
    assert without is not None and without.longest_pause < 1.0


def test_a_recording_played_as_a_microphone_is_heard_as_the_file_is(tmp_path: Path) -> None:
    recording = spoken(tmp_path, 160)
    listening = audio.Listening(audio.voice_detector())
    microphone = audio.RecordingAsMicrophone(recording, speed=25)
    microphone.start(listening.hear)
    deadline = time.monotonic() + 60
    while not microphone.finished:
        assert time.monotonic() < deadline, "the recording never finished playing"
        time.sleep(0.05)
    live = listening.measure(WORDS)
    from_file = audio.measure_recording(recording, WORDS)
    assert live is not None and from_file is not None
    assert live.wpm == pytest.approx(from_file.wpm, rel=0.02)
    assert listening.seconds == pytest.approx(len(audio.read_wav(recording)) / 16_000, abs=0.05)


def test_a_reading_is_written_only_when_she_asks_to_keep_it(tmp_path: Path) -> None:
    recording = spoken(tmp_path, 150)
    chunk = audio.read_wav(recording).tobytes()
    not_kept = audio.Listening(audio.voice_detector())
    not_kept.hear(chunk)
    with pytest.raises(audio.AudioError):
        not_kept.keep(tmp_path / "recordings", A_MORNING)
    kept = audio.Listening(audio.voice_detector(), keep=True)
    kept.hear(chunk)
    path = kept.keep(tmp_path / "recordings", A_MORNING)
    assert path.name == "2026-12-07-093000.wav"
    assert audio.read_wav(path) == audio.read_wav(recording)


# -- `infocoach pace` ----------------------------------------------------------------------


def test_pace_prints_the_measure_and_advice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recording = spoken(tmp_path, 200)
    assert main(["pace", str(recording), "--words", str(WORDS)]) == 0
    summary, advice = capsys.readouterr().out.splitlines()
    pace, rest = summary.split(" ", 1)
    assert float(pace) == pytest.approx(true_pace(recording), rel=0.15)
    assert rest.startswith("words a minute over") and "longest pause" in rest
    assert "slow down" in advice


def test_pace_json_has_its_fields(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    recording = with_silence_in_the_middle(spoken(tmp_path, 140), 3.0)
    assert main(["pace", str(recording), "--words", str(WORDS), "--json"]) == 0
    measured = json.loads(capsys.readouterr().out)
    assert {"wpm", "speaking_seconds", "longest_pause"} <= measured.keys()
    assert measured["wpm"] == pytest.approx(WORDS * 60 / measured["speaking_seconds"], rel=0.01)
    assert 2.8 <= measured["longest_pause"] <= 3.6


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"Name,Company\nAnn,Acme\n", "not a WAV recording infocoach can read"),
        (b"RIFF\x00\x00\x00\x00WAVEfmt ", "not a WAV recording infocoach can read"),
        (b"", "not a WAV recording infocoach can read"),
    ],
)
def test_pace_on_a_file_that_is_not_audio_says_so_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, said: str
) -> None:
    path = tmp_path / "notes.wav"
    path.write_bytes(content)
    assert main(["pace", str(path), "--words", "40"]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and said in error and str(path) in error


def test_pace_on_silence_says_no_voice_was_heard(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "silence.wav"
    with wave.open(str(path), "wb") as recording:
        recording.setnchannels(2)
        recording.setsampwidth(2)
        recording.setframerate(44_100)
        recording.writeframes(bytes(4 * 44_100 * 3))
    assert main(["pace", str(path), "--words", "40"]) == 2
    assert capsys.readouterr().err == f"infocoach: {path}: no voice heard in it\n"


def test_pace_without_the_voice_extra_says_what_to_install(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "webrtcvad", None)  # as if not installed: ImportError
    path = tmp_path / "any.wav"
    path.write_bytes(b"")
    assert main(["pace", str(path), "--words", "40"]) == 2
    assert capsys.readouterr().err == (
        "infocoach: listening needs the voice extra: pip install 'infocoach[voice]'\n"
    )


def test_pace_by_script_counts_its_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recording = spoken(tmp_path, 150)
    assert main(["pace", str(recording), "--script", "no-such-script"]) == 2
    assert "--script: there is no script 'no-such-script'" in capsys.readouterr().err
    assert main(["pace", str(recording), "--script", "linkedin-note", "--json"]) == 0
    measured = json.loads(capsys.readouterr().out)
    assert measured["words"] > 10 and measured["wpm"] > 0


# -- `infocoach recordings` ----------------------------------------------------------------


def test_recordings_kept_are_listed_and_deleted_one_by_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data_file: Path
) -> None:
    assert main(["recordings"]) == 0
    assert capsys.readouterr().out.startswith("No recordings kept")
    listening = audio.Listening(audio.voice_detector(), keep=True)
    listening.hear(bytes(2 * audio.SAMPLE_RATE * 3))  # three seconds
    folder = data_file.parent / audio.RECORDINGS_FOLDER
    kept = listening.keep(folder, A_MORNING)
    assert main(["recordings"]) == 0
    assert capsys.readouterr().out == f"{kept.name}  0:03\nin {folder}\n"
    assert main(["recordings", "--delete", "2026-12-07-000000"]) == 2
    assert "--delete: no recording '2026-12-07-000000'" in capsys.readouterr().err
    assert main(["recordings", "--delete", kept.stem]) == 0
    assert not kept.exists()
