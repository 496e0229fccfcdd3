"""A rehearsal that listens (#31): `v`, a recording played through the path a microphone
feeds, the live level, the pace heard over the time she spoke, kept with the rehearsal and
drawn in the chart; and without the voice extra or a microphone, one line each."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from infocoach.core import pacing
from infocoach.data.settings import Settings, save_settings
from infocoach.exchange import audio
from infocoach.tui.widgets.pace_chart import PaceChart
from infocoach.tui.widgets.timer import TimerPane
from tests.programs import require_programs

from .conftest import reopen

# espeak-ng's words a minute for a reading a person would be told to slow down from
RUSHED = 195


def status(timer: TimerPane) -> str:
    return str(timer.query_one("#rehearsal-status").render())


def said(app) -> list[str]:
    return [toast.text for toast in app.said]


def read_aloud(text: str, path: Path, rate: int) -> Path:
    require_programs("espeak-ng", install="apt-get install espeak-ng")
    spoken = pacing.word_spans(text)
    words = " ".join(text[start:end] for start, end in spoken)  # no stage directions
    subprocess.run(["espeak-ng", "-s", str(rate), "-w", str(path), words], check=True)
    return path


async def wait_until(pilot, condition, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"still no {what}"
        await pilot.pause(0.1)


@pytest.mark.slow
async def test_a_listened_rehearsal_hears_her_pace_and_keeps_it(
    demo_store, make_app, data_file, tmp_path, clock
):
    recording: list[audio.RecordingAsMicrophone] = []

    def microphone() -> audio.RecordingAsMicrophone:
        recording.append(audio.RecordingAsMicrophone(tmp_path / "reading.wav", speed=4))
        return recording[-1]

    app = make_app(demo_store, microphone=microphone)
    async with app.run_test(size=(120, 40)) as pilot:
        timer = app.screen.query_one(TimerPane)
        script_id = timer.script.id
        read_aloud(timer.prompter.text, tmp_path / "reading.wav", RUSHED)
        assert "v listens" in status(timer)
        await pilot.press("v")
        assert timer.listens and "listening on (v turns it off)" in status(timer)
        assert "Rehearsals listen now" in " ".join(said(app))

        await pilot.press("t")
        await wait_until(pilot, lambda: "hearing you ▮" in status(timer), "live level")
        await wait_until(pilot, lambda: recording[-1].finished, "end of the reading")
        clock.advance(len(audio.read_wav(tmp_path / "reading.wav")) / audio.SAMPLE_RATE)
        await pilot.press("f")  # she finished reading
        await pilot.pause()

        heard = timer.last_heard
        assert heard is not None and heard.wpm is not None
        assert heard.wpm > 160  # a rushed reading, heard as one
        shown = status(timer)
        assert shown.startswith(f"Heard: {heard.wpm:.0f} words a minute over")
        assert "longest pause" in shown and "slow down" in shown
        assert timer.last_result.wpm == pytest.approx(heard.wpm)
        chart = timer.query_one("#pace-history", PaceChart)
        assert chart.data[-1] == pytest.approx(heard.wpm, abs=0.1)

    [kept] = reopen(data_file).rehearsals(script_id)[-1:]
    assert kept.wpm == pytest.approx(heard.wpm, abs=0.1)
    assert kept.speaking_seconds == pytest.approx(heard.speaking_seconds, abs=0.1)
    assert kept.longest_pause is not None
    assert not (data_file.parent / audio.RECORDINGS_FOLDER).exists()  # nothing written


async def test_a_recording_is_kept_only_when_she_keeps_them(
    demo_store, make_app, data_file, tmp_path, clock
):
    save_settings(Settings(keep_recordings=True))
    reading = read_aloud(
        "Hello, my name is Sam, and I would love to learn.", tmp_path / "r.wav", 150
    )
    app = make_app(demo_store, microphone=lambda: audio.RecordingAsMicrophone(reading, speed=8))
    async with app.run_test(size=(120, 40)) as pilot:
        timer = app.screen.query_one(TimerPane)
        await pilot.press("v", "t")
        await pilot.pause(1.5)
        clock.advance(10)
        await pilot.press("t")
        await pilot.pause()
    [kept] = (data_file.parent / audio.RECORDINGS_FOLDER).iterdir()
    assert kept.suffix == ".wav" and audio.read_wav(kept)
    assert f"Recording kept: {kept}" in said(app)
    assert timer.last_heard is not None


async def test_without_the_voice_extra_v_says_what_to_install(demo_store, make_app, monkeypatch):
    monkeypatch.setitem(sys.modules, "webrtcvad", None)  # as if not installed
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        timer = app.screen.query_one(TimerPane)
        await pilot.press("v")
        assert not timer.listens
        assert "listening needs the voice extra: pip install 'infocoach[voice]'" in said(app)
        await pilot.press("t")  # rehearsing still works
        assert timer.running


async def test_with_no_microphone_the_rehearsal_goes_on_without_listening(demo_store, make_app):
    app = make_app(demo_store)  # the tests' computer has no microphone
    async with app.run_test(size=(120, 40)) as pilot:
        timer = app.screen.query_one(TimerPane)
        await pilot.press("v", "t")
        await pilot.pause()
        assert timer.running and "listening" not in status(timer)
        assert "no microphone to listen with; rehearsing without listening" in said(app)
