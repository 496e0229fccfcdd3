"""Files that are replaced whole: temp file, fsync, rename, fsync the folder."""

from __future__ import annotations

import errno
import functools
import glob
import hashlib
import os
import secrets
import stat
import tempfile
import time
from contextlib import suppress
from pathlib import Path

# A temp file whose writer cannot be told alive or dead (no /proc, or a name from an older
# version) is taken for a dead writer's once older than this; younger ones may be mid-save.
STALE_TEMP_SECONDS = 60


def temp_prefix(path: Path) -> str:
    """How temp files beside `path` begin: with `.~`, as they end with `.tmp`, so the file
    sync tools' ignore rules skip them (Dropbox `.~*`, Nextcloud `*.~*`, the README's
    `.stignore` `*.tmp`) and a half-written save never travels to another machine."""
    return f".~{path.name}."


def _temp_prefixes(path: Path) -> tuple[str, str]:
    """This version's prefix, then the one before it (`.<name>.`): a dead writer's temp file
    from before the rename is still ours to remove."""
    return temp_prefix(path), f".{path.name}."


def process_start(pid: int) -> str | None:
    """When process `pid` started (clock ticks since boot, /proc/<pid>/stat field 22), so a
    reused pid is not taken for the old process; None when it is gone, a zombie, or there is
    no /proc to ask."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    fields = stat[stat.rfind(")") + 2 :].split()  # the name in (...) may hold spaces
    if len(fields) < 20 or fields[0] in ("Z", "X"):  # fields[0] is field 3, the state
        return None
    return fields[19]


@functools.cache
def _pid_space() -> str | None:
    """Which machine, boot and pid namespace this process's pids belong to (a short hash), so
    a temp file written on another machine sharing the folder, in another container or before
    a reboot is not judged by this one's processes; None without /proc."""
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
        namespace = os.readlink("/proc/self/ns/pid")
    except OSError:
        return None
    return hashlib.sha256(f"{boot} {namespace}".encode()).hexdigest()[:8]


def writer_tag() -> str:
    """`<pid>-<start time>-<pid space>` of this process: the part of a temp file's name that
    tells a later open whether its writer is still running (`0-0` after the pid where that
    cannot be told)."""
    pid = os.getpid()
    start, space = process_start(pid), _pid_space()
    return f"{pid}-{start}-{space}" if start and space else f"{pid}-0-0"


def real_path(path: Path) -> Path:
    """Where `path` really is: a symlink is followed (to its final target, maybe missing)."""
    try:
        linked = path.is_symlink()
    except OSError:  # a folder it may not look into: reading the file will say so in one line
        return path
    return Path(os.path.realpath(path)) if linked else path


# What fsync of a folder says on a file system that cannot sync folders (some network and FUSE
# file systems): not a failure to report, as there is nothing more to do there.
_CANNOT_SYNC_FOLDERS = frozenset({errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF})


class FolderNotSynced(OSError):
    """The rename landed (the file holds the new bytes) but the disk did not confirm it: a
    crash or power cut now could undo it. Not "nothing written": retrying would not help, and
    a caller that counts the change as undone would do it twice."""


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable: FolderNotSynced when the disk reports an error (a
    no-op where folders cannot be opened or synced)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        _fsync_open_folder(fd, folder)
    finally:
        os.close(fd)


def _fsync_open_folder(fd: int, folder: Path) -> None:
    try:
        os.fsync(fd)
    except OSError as error:
        if error.errno not in _CANNOT_SYNC_FOLDERS:
            raise FolderNotSynced(
                error.errno,
                f"the disk did not confirm it (syncing the folder {folder}: "
                f"{error.strerror or error})",
                str(folder),
            ) from error


def _write_temp(path: Path, payload: bytes, folder_fd: int | None = None) -> str:
    """A fsynced temp file holding `payload` beside `path`, named after this process: its
    path, or (in the open folder `folder_fd`) its name there."""
    prefix = f"{temp_prefix(path)}{writer_tag()}."
    if folder_fd is None:
        fd, temp_name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
    else:
        fd, temp_name = _make_temp_in(folder_fd, prefix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with suppress(OSError):
            os.unlink(temp_name, dir_fd=folder_fd)
        raise
    return temp_name


def _make_temp_in(folder_fd: int, prefix: str) -> tuple[int, str]:
    """What `tempfile.mkstemp` does, in an open folder (which mkstemp cannot take)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    for _ in range(tempfile.TMP_MAX):
        name = f"{prefix}{secrets.token_hex(4)}.tmp"
        try:
            return os.open(name, flags, 0o600, dir_fd=folder_fd), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free name for a temp file", prefix)


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Replace `path` with `payload`: temp file, write, flush, fsync, rename, fsync the folder.

    A symlink is followed: its target is replaced (the temp file beside it), the link stays.
    On any failure the temp file is removed and `path` is as it was, but for FolderNotSynced
    (after the rename: `path` holds `payload`). New files are 0600.
    """
    _replace(real_path(path), payload)


class LinkRefused(OSError):
    """A file to write is a symbolic link that infocoach did not make: nothing was written."""


def refuse_link(path: Path, folder_fd: int | None = None) -> None:
    """LinkRefused when `path` (in the open folder `folder_fd`, when given) is a symbolic link,
    even to nothing, even to a folder."""
    try:
        target = os.readlink(path if folder_fd is None else path.name, dir_fd=folder_fd)
    except OSError:  # not a link, or not there: nothing to refuse
        return
    raise LinkRefused(
        errno.ELOOP,
        f"it is a symbolic link (to {target}); infocoach writes nothing through a link it "
        "did not make: remove the link or choose another path",
        str(path),
    )


def write_own_file(path: Path, payload: bytes) -> None:
    """Replace `path` with `payload` as `atomic_write_bytes` does, but never through a link:
    for a file at a path she names (an export), which someone else may have planted a link at.

    A link at `path` is LinkRefused. One planted after that check is replaced by the rename,
    not followed (a rename acts on the name), so what it points to is never touched; the temp
    file is made with O_EXCL, which never follows a link either.
    """
    refuse_link(path)
    _replace(path, payload)


def _replace(path: Path, payload: bytes, folder_fd: int | None = None) -> None:
    """Temp file, rename over `path`, fsync its folder: the open `folder_fd`, when given."""
    temp_name = _write_temp(path, payload, folder_fd)
    try:
        if folder_fd is None:
            os.replace(temp_name, path)
        else:
            os.replace(temp_name, path.name, src_dir_fd=folder_fd, dst_dir_fd=folder_fd)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp_name, dir_fd=folder_fd)
        raise
    if folder_fd is None:
        fsync_folder(path.parent)
    else:
        _fsync_open_folder(folder_fd, path.parent)


class OwnFolder:
    """A folder at a path she names (a vdir), opened once and never through a link: every
    file read, written or removed is in that very folder, even if someone swaps its name for
    a link meanwhile, and none is written or read through a link (see `write_own_file`)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder
        refuse_link(folder)
        folder.mkdir(parents=True, exist_ok=True)
        try:
            self._fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        except OSError as error:
            if error.errno in (errno.ELOOP, errno.ENOTDIR):
                refuse_link(folder)  # a link planted since the check: say so as above
            raise

    def __enter__(self) -> OwnFolder:
        return self

    def __exit__(self, *exc_info: object) -> None:
        os.close(self._fd)

    def names(self) -> list[str]:
        return sorted(os.listdir(self._fd))

    def refuse_link(self, name: str) -> None:
        refuse_link(self.path / name, self._fd)

    def read(self, name: str) -> bytes | None:
        """The bytes of the plain file `name`; None for a link, a folder, a pipe or nothing."""
        flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC  # a pipe never waits
        try:
            fd = os.open(name, flags, dir_fd=self._fd)
        except OSError as error:
            if error.errno in (errno.ELOOP, errno.ENOENT):
                return None
            raise
        with os.fdopen(fd, "rb") as handle:
            return handle.read() if stat.S_ISREG(os.fstat(fd).st_mode) else None

    def write(self, name: str, payload: bytes) -> None:
        """Replace the file `name` with `payload` as `write_own_file` does."""
        self.refuse_link(name)
        _replace(self.path / name, payload, self._fd)

    def remove(self, name: str) -> None:
        os.unlink(name, dir_fd=self._fd)


def atomic_create_bytes(path: Path, payload: bytes) -> bool:
    """Write `payload` to `path` as `atomic_write_bytes` does, but only if `path` does not
    exist yet: never replaces a file. Returns False (nothing written) when it exists."""
    temp_name = _write_temp(path, payload)
    try:
        try:
            os.link(temp_name, path)  # atomic, and fails rather than replace
        except FileExistsError:
            return False
        except OSError as error:
            if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
                raise
            # a file system without hard links: the caller's lock keeps this check good
            if os.path.lexists(path):
                return False
            os.replace(temp_name, path)
    finally:
        with suppress(OSError):
            os.unlink(temp_name)
    fsync_folder(path.parent)
    return True


def _writer_is_gone(candidate: Path, prefix: str) -> bool | None:
    """Whether the process that named this temp file has ended: None when it cannot be told
    (an older name, no /proc, another machine or container, another user's file)."""
    tag = candidate.name[len(prefix) :].split(".", 1)[0].split("-")
    if len(tag) != 3 or tag[2] == "0" or tag[2] != _pid_space():
        return None
    pid, start, _ = tag
    if not (pid.isdigit() and start.isdigit()) or candidate.stat().st_uid != os.getuid():
        return None
    return process_start(int(pid)) != start


def remove_stale_temp_files(path: Path, now: float | None = None) -> list[Path]:
    """Remove temp files left by writers that died mid-save: at once when the process that
    named the file has ended, else (when that cannot be told) once older than
    STALE_TEMP_SECONDS. A running writer's temp file is left alone."""
    path = real_path(path)
    now = time.time() if now is None else now
    removed = []
    candidates = (
        (candidate, prefix)
        for prefix in _temp_prefixes(path)
        for candidate in path.parent.glob(glob.escape(prefix) + "*.tmp")
    )
    for candidate, prefix in candidates:
        with suppress(OSError):
            gone = _writer_is_gone(candidate, prefix)
            if gone is None:
                gone = now - candidate.stat().st_mtime > STALE_TEMP_SECONDS
            if gone:
                candidate.unlink()
                removed.append(candidate)
    return removed


def ensure_private_folder(folder: Path) -> None:
    """Create `folder` (and parents) as 0700; an existing folder is left as the user set it."""
    if not folder.is_dir():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(folder, 0o700)
