#!/usr/bin/env python3
"""Run one command and report its wall time and peak memory.

    measure.py [--timeout SECONDS] [--stderr FILE] [--mem time|rusage] -- COMMAND [ARG]...

Prints one line to standard output:

    WALL_SECONDS MAXRSS_KB EXIT_STATUS CPU_SECONDS

WALL_SECONDS is measured around fork/exec and wait with a monotonic clock
(microsecond resolution, unlike /usr/bin/time's 10 ms). MAXRSS_KB is the peak
resident set size of the command and of the children it waited for. With
--mem time (the default when /usr/bin/time exists) the command runs under
`/usr/bin/time -f %M`, and that figure is used. With --mem rusage it is this
process's wait4() ru_maxrss. Linux carries the pre-exec high-water mark of the
forked Python process (about 10 MB) into that number, so it is only an upper
bound for small commands. EXIT_STATUS is the exit code, 128+N
for a signal, or "timeout". CPU_SECONDS is user plus system time of the
command and of the children it waited for (less sensitive than the wall time
to other load on the machine). The command's standard output goes to /dev/null,
and its standard error goes to FILE (default: /dev/null). The exit status of
measure.py itself is 0 unless it is used wrongly.
"""
import os
import signal
import sys
import time


def main(argv):
    timeout = None
    stderr_path = os.devnull
    mem = "time" if os.access("/usr/bin/time", os.X_OK) else "rusage"
    i = 0
    while i < len(argv) and argv[i] != "--":
        if argv[i] == "--timeout":
            timeout = float(argv[i + 1])
            i += 2
        elif argv[i] == "--mem":
            mem = argv[i + 1]
            if mem not in ("time", "rusage"):
                sys.stderr.write("measure.py: --mem takes time or rusage\n")
                return 64
            i += 2
        elif argv[i] == "--stderr":
            stderr_path = argv[i + 1]
            i += 2
        else:
            sys.stderr.write("measure.py: unknown option %s\n" % argv[i])
            return 64
    cmd = argv[i + 1:]
    if not cmd:
        sys.stderr.write(__doc__)
        return 64

    memfile = None
    if mem == "time":
        import tempfile
        fd, memfile = tempfile.mkstemp(prefix="measure-", suffix=".mem")
        os.close(fd)
        cmd = ["/usr/bin/time", "-f", "%M", "-o", memfile] + cmd

    out = os.open(os.devnull, os.O_WRONLY)
    err = os.open(stderr_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.setpgid(0, 0)
            os.dup2(out, 1)
            os.dup2(err, 2)
            os.execvp(cmd[0], cmd)
        except OSError as e:
            os.write(2, ("measure.py: %s: %s\n" % (cmd[0], e.strerror)).encode())
        os._exit(127)
    os.close(out)
    os.close(err)

    # The timeout is a timer signal that kills the command's process group;
    # the blocking wait4 then returns at once, so no polling skews the time.
    def interrupted(signum, frame):
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os._exit(128 + signum)
    signal.signal(signal.SIGINT, interrupted)
    signal.signal(signal.SIGTERM, interrupted)

    timed_out = []
    if timeout is not None:
        def expire(signum, frame):
            timed_out.append(True)
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, timeout)
    _, status, usage = os.wait4(pid, 0)
    if timeout is not None:
        signal.setitimer(signal.ITIMER_REAL, 0)
    wall = time.perf_counter() - start

    if timed_out:
        code = "timeout"
    elif os.WIFSIGNALED(status):
        code = str(128 + os.WTERMSIG(status))
    else:
        code = str(os.WEXITSTATUS(status))
    maxrss = usage.ru_maxrss
    if memfile is not None:
        try:
            with open(memfile) as f:
                lines = [ln.strip() for ln in f if ln.strip()]
            # GNU time may put "Command exited with non-zero status N" or
            # "Command terminated by signal N" before the format line.
            if lines and lines[-1].isdigit():
                maxrss = int(lines[-1])
            for ln in lines:
                if ln.startswith("Command terminated by signal") and code == "0":
                    code = str(128 + int(ln.split()[-1]))
        finally:
            os.unlink(memfile)
    cpu = usage.ru_utime + usage.ru_stime
    print("%.6f %d %s %.6f" % (wall, maxrss, code, cpu))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
