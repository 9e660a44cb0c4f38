"""cdp.py: a small client of Chromium's DevTools protocol over a pipe.

One headless Chromium (Debian's package) serves many page loads: it is
started with --remote-debugging-pipe, which reads JSON commands on file
descriptor 3 and writes replies and events on 4, each message ended by a
NUL byte.  For each load, `Browser.open` returns the DOM once the page has
marked its first view drawn (the data-ready attribute relmap's viewer
sets), with everything the page said on its console (console calls,
uncaught exceptions, and browser log entries such as CSP violations) and
every request it made.  Used by tests/tools/html_check.py and
bench/html.sh.
"""
import json
import os
import select
import shutil
import subprocess
import tempfile
import time

FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
         '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--disable-default-apps', '--disable-extensions',
         '--window-size=1400,850']


class Error(Exception):
    pass


class Browser:
    def __init__(self, exe='chromium', extra=()):
        self.profile = tempfile.mkdtemp(prefix='cdp-profile-')
        to_chrome_r, self._w = os.pipe()
        self._r, from_chrome_w = os.pipe()

        def fds():
            # copies first, so neither end is overwritten before it moves
            a, b = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(a, 3)
            os.dup2(b, 4)
        self.proc = subprocess.Popen(
            [exe] + FLAGS + list(extra) + ['--remote-debugging-pipe',
                                           '--user-data-dir=' + self.profile, 'about:blank'],
            preexec_fn=fds, pass_fds=(), close_fds=False,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buf = b''
        self._id = 0
        self.events = []
        self.session = None
        targets = self.call('Target.getTargets')['targetInfos']
        page = next(t for t in targets if t['type'] == 'page')
        self.session = self.call('Target.attachToTarget',
                                 {'targetId': page['targetId'], 'flatten': True})['sessionId']
        for domain in ('Page', 'Runtime', 'Log', 'Network'):
            self.call(domain + '.enable')

    # ---- the wire ----
    def _send(self, msg):
        data = json.dumps(msg).encode() + b'\0'
        while data:
            n = os.write(self._w, data)
            data = data[n:]

    def _read(self, timeout):
        end = time.monotonic() + timeout
        while b'\0' not in self._buf:
            left = end - time.monotonic()
            if left <= 0:
                raise Error('no answer from Chromium within %g s' % timeout)
            ready, _, _ = select.select([self._r], [], [], left)
            if ready:
                chunk = os.read(self._r, 1 << 20)
                if not chunk:
                    raise Error('Chromium closed the pipe')
                self._buf += chunk
        msg, self._buf = self._buf.split(b'\0', 1)
        return json.loads(msg)

    def call(self, method, params=None, timeout=60):
        self._id += 1
        msg = {'id': self._id, 'method': method, 'params': params or {}}
        if self.session:
            msg['sessionId'] = self.session
        self._send(msg)
        while True:
            m = self._read(timeout)
            if m.get('id') == self._id:
                if 'error' in m:
                    raise Error('%s: %s' % (method, m['error']))
                return m.get('result', {})
            self.events.append(m)

    def pump(self, seconds):
        """Read events for a while."""
        end = time.monotonic() + seconds
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return
            try:
                self.events.append(self._read(left))
            except Error:
                return

    def eval(self, expr, timeout=60):
        r = self.call('Runtime.evaluate', {'expression': expr, 'returnByValue': True},
                      timeout=timeout)
        if 'exceptionDetails' in r:
            raise Error('%s: %s' % (expr, r['exceptionDetails'].get('text')))
        return r['result'].get('value')

    # ---- one page ----
    def open(self, url, ready='data-ready', timeout=60):
        """(dom, console lines, requested URLs, ms to the ready mark or None)."""
        self.call('Page.navigate', {'url': 'about:blank'})
        self.pump(0.05)
        self.events = []
        self.call('Page.navigate', {'url': url})
        end = time.monotonic() + timeout
        mark = None
        while time.monotonic() < end:
            try:
                state = self.eval('[document.readyState, document.documentElement && '
                              'document.documentElement.getAttribute(%s)]' % json.dumps(ready))
            except Error:  # the old document's context is gone: not yet
                state = None
            if state and state[0] == 'complete' and (ready is None or state[1] is not None):
                mark = state[1]
                break
            self.pump(0.05)
        self.pump(0.2)  # late console messages
        dom = self.eval('document.documentElement.outerHTML')
        console, requests = [], []
        for e in self.events:
            m, p = e.get('method'), e.get('params', {})
            if m == 'Runtime.consoleAPICalled':
                console.append('console.%s: %s' % (p.get('type'), ' '.join(
                    str(a.get('value', a.get('description', ''))) for a in p.get('args', []))))
            elif m == 'Runtime.exceptionThrown':
                d = p.get('exceptionDetails', {})
                console.append('exception: %s %s' % (d.get('text'), d.get('exception', {}).get('description', '')))
            elif m == 'Log.entryAdded':
                en = p.get('entry', {})
                console.append('%s %s: %s' % (en.get('source'), en.get('level'), en.get('text')))
            elif m == 'Network.requestWillBeSent':
                u = p.get('request', {}).get('url', '')
                if not (u.startswith('data:') or u.split('#')[0] == url.split('#')[0]):
                    requests.append(u)
        return dom, console, requests, (int(mark) if mark and mark.isdigit() else None)

    def close(self):
        self.session = None  # Browser.close is the browser's, not the page's
        try:
            self.call('Browser.close', timeout=5)
        except Error:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._w)
        os.close(self._r)
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
