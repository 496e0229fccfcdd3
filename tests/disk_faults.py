"""The one disk fault faked rather than made: an fsync of one folder that fails (no real disk
fails on cue after a rename), every other fsync real."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest


def fail_folder_sync(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, fsync of `folder` fails with EIO."""
    inode = os.stat(folder).st_ino
    real_fsync = os.fsync

    def failing_on_that_folder(fd: int) -> None:
        status = os.fstat(fd)
        if stat.S_ISDIR(status.st_mode) and status.st_ino == inode:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing_on_that_folder)
