"""Child processes (LibreOffice) that never outlive tdkt, on every system.

A conversion runs in its own process group or session, so that stopping it stops what it started (`soffice` starts
`soffice.bin`). If tdkt itself is killed outright — no `finally` runs — the operating system must end the child:

- Linux: the kernel is asked to send SIGKILL to the child when its parent dies (`prctl(PR_SET_PDEATHSIG)`).
- Windows: the child starts suspended, is put into a Job object with `JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE`, then
  resumed. Whatever it starts joins the job too. tdkt holds the only handle to the job; when tdkt ends in any way,
  Windows closes that handle and ends every process in the job. Starting suspended closes the window in which the
  child could start a grandchild outside the job.
- macOS and other POSIX systems have no such call: the session is killed by tdkt's own cleanup (an error, Ctrl+C,
  SIGTERM), and a hard kill of tdkt leaves the conversion to finish on its own.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
from dataclasses import dataclass, field

JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE = 0x2000
JOB_OBJECT_EXTENDED_LIMIT_INFORMATION = 9  # the JOBOBJECTINFOCLASS value
CREATE_SUSPENDED = 0x00000004
CREATE_NEW_PROCESS_GROUP = 0x00000200


class IoCounters(ctypes.Structure):
    _fields_ = [(name, ctypes.c_uint64) for name in ("reads", "writes", "others", "read_bytes", "write_bytes", "other")]


class BasicLimits(ctypes.Structure):
    """JOBOBJECT_BASIC_LIMIT_INFORMATION (winnt.h), with the SDK's field types: DWORD is 32 bits on Windows."""

    _fields_ = [
        ("PerProcessUserTimeLimit", ctypes.c_int64),
        ("PerJobUserTimeLimit", ctypes.c_int64),
        ("LimitFlags", ctypes.c_uint32),
        ("MinimumWorkingSetSize", ctypes.c_size_t),
        ("MaximumWorkingSetSize", ctypes.c_size_t),
        ("ActiveProcessLimit", ctypes.c_uint32),
        ("Affinity", ctypes.c_size_t),
        ("PriorityClass", ctypes.c_uint32),
        ("SchedulingClass", ctypes.c_uint32),
    ]


class ExtendedLimits(ctypes.Structure):
    """JOBOBJECT_EXTENDED_LIMIT_INFORMATION: 144 bytes on 64-bit Windows, 112 on 32-bit."""

    _fields_ = [
        ("BasicLimitInformation", BasicLimits),
        ("IoInfo", IoCounters),
        ("ProcessMemoryLimit", ctypes.c_size_t),
        ("JobMemoryLimit", ctypes.c_size_t),
        ("PeakProcessMemoryUsed", ctypes.c_size_t),
        ("PeakJobMemoryUsed", ctypes.c_size_t),
    ]


def kill_on_close_limits() -> ExtendedLimits:
    limits = ExtendedLimits()
    limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
    return limits


class _WindowsJob:
    """A Job object whose processes all end when its last handle closes (tdkt's, when tdkt ends)."""

    def __init__(self) -> None:
        handle = ctypes.c_void_p
        self.kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        self.ntdll = ctypes.WinDLL("ntdll")  # type: ignore[attr-defined]
        self.kernel32.CreateJobObjectW.argtypes = (ctypes.c_void_p, ctypes.c_wchar_p)
        self.kernel32.CreateJobObjectW.restype = handle
        self.kernel32.SetInformationJobObject.argtypes = (handle, ctypes.c_int, ctypes.c_void_p, ctypes.c_uint32)
        self.kernel32.SetInformationJobObject.restype = ctypes.c_int
        self.kernel32.AssignProcessToJobObject.argtypes = (handle, handle)
        self.kernel32.AssignProcessToJobObject.restype = ctypes.c_int
        self.kernel32.TerminateJobObject.argtypes = (handle, ctypes.c_uint)
        self.kernel32.TerminateJobObject.restype = ctypes.c_int
        self.kernel32.CloseHandle.argtypes = (handle,)
        self.ntdll.NtResumeProcess.argtypes = (handle,)
        self.handle = self.kernel32.CreateJobObjectW(None, None)
        if not self.handle:
            raise OSError(ctypes.get_last_error(), "CreateJobObjectW")
        limits = kill_on_close_limits()
        if not self.kernel32.SetInformationJobObject(
            self.handle, JOB_OBJECT_EXTENDED_LIMIT_INFORMATION, ctypes.byref(limits), ctypes.sizeof(limits)
        ):
            error = ctypes.get_last_error()
            self.close()
            raise OSError(error, "SetInformationJobObject")

    def adopt(self, process: subprocess.Popen) -> bool:
        """Put a suspended process into the job and resume it; False if Windows refused (it runs on regardless)."""
        native = int(process._handle)  # type: ignore[attr-defined]  # the process handle subprocess keeps
        try:
            return bool(self.kernel32.AssignProcessToJobObject(self.handle, native))
        finally:
            self.ntdll.NtResumeProcess(native)

    def terminate(self) -> None:
        self.kernel32.TerminateJobObject(self.handle, 1)

    def close(self) -> None:
        if self.handle:
            self.kernel32.CloseHandle(self.handle)
            self.handle = None


def _die_with_parent() -> None:  # pragma: no cover - runs in the child, between fork and exec
    """Linux: ask the kernel to kill this child when its parent dies (prctl PR_SET_PDEATHSIG)."""
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)


@dataclass
class Child:
    """A started child process, and what ends it together with everything it started."""

    process: subprocess.Popen
    job: _WindowsJob | None = field(default=None, repr=False)

    def wait(self, timeout: float) -> int:
        return self.process.wait(timeout=timeout)

    def running(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        """The child and everything it started."""
        with contextlib.suppress(OSError):
            if self.job is not None:
                self.job.terminate()
            elif os.name == "posix":
                os.killpg(self.process.pid, signal.SIGKILL)
            else:
                self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)

    def close(self) -> None:
        if self.job is not None:
            self.job.close()  # kills whatever is still in the job


def start(command: list[str], **options) -> Child:
    """`subprocess.Popen(command, **options)`, tied to tdkt's life as the system allows (see the module)."""
    if sys.platform.startswith("linux"):
        return Child(subprocess.Popen(command, start_new_session=True, preexec_fn=_die_with_parent, **options))
    if os.name == "posix":
        return Child(subprocess.Popen(command, start_new_session=True, **options))
    try:
        job: _WindowsJob | None = _WindowsJob()
    except OSError:  # an old Windows that refuses nested jobs: the child still runs, only without the guarantee
        job = None
    flags = CREATE_NEW_PROCESS_GROUP | (CREATE_SUSPENDED if job is not None else 0)
    try:
        process = subprocess.Popen(command, creationflags=flags, **options)
    except BaseException:
        if job is not None:
            job.close()
        raise
    if job is not None and not job.adopt(process):
        job.close()
        job = None
    return Child(process, job)
