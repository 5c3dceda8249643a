// The order the extension tries `ropa` programs in, and what it says when
// none works. Runs on the compiled out/server.js (no VS Code needed):
//   npx tsc -p . && node --test test/
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import test from 'node:test';

const require = createRequire(import.meta.url);
const { candidates, notFoundHelp, parseVersion, bundledPath } = require('../out/server.js');

const EXT = '/ext/ropa-0.1.0';
const env = { PATH: '/usr/local/bin:/home/me/.local/bin' };
const existing = (...files) => (p) => files.includes(p);

test('setting, then bundled, then PATH', () => {
  const list = candidates('/opt/ropa/bin/ropa', EXT, env, 'linux',
    existing('/opt/ropa/bin/ropa', '/ext/ropa-0.1.0/server/ropa', '/home/me/.local/bin/ropa'));
  assert.deepEqual(list.map((c) => [c.source, c.command]), [
    ['setting', '/opt/ropa/bin/ropa'],
    ['bundled', '/ext/ropa-0.1.0/server/ropa'],
    ['path', '/home/me/.local/bin/ropa'],
  ]);
});

test('an empty setting is not a candidate', () => {
  const list = candidates('  ', EXT, env, 'linux', existing());
  assert.deepEqual(list.map((c) => c.source), ['bundled', 'path']);
  assert.ok(list.every((c) => c.command === undefined));
});

test('a bare name in the setting is looked up on PATH', () => {
  const list = candidates('ropa-dev', EXT, env, 'linux', existing('/usr/local/bin/ropa-dev'));
  assert.equal(list[0].command, '/usr/local/bin/ropa-dev');
});

test('Windows: ropa.exe, bundled and on Path', () => {
  assert.match(bundledPath('C:\\ext', 'win32'), /server[\\/]ropa\.exe$/);
  const winEnv = { Path: 'C:\\tools' };
  const list = candidates('', 'C:\\ext', winEnv, 'win32', (p) => p.endsWith('ropa.exe') && p.startsWith('C:\\tools'));
  assert.equal(list[1].source, 'path');
  assert.match(list[1].command, /^C:\\tools[\\/]ropa\.exe$/);
});

test('version from `ropa --version`', () => {
  assert.equal(parseVersion('ropa 0.1.0\n'), '0.1.0');
  assert.equal(parseVersion('bash: ropa: command not found'), undefined);
});

test('the help names pip before cargo, and mentions the missing built-in binary only when missing', () => {
  const help = notFoundHelp(['no `ropa` on PATH'], false);
  assert.ok(help.indexOf('pip install ropa-cli') >= 0);
  assert.ok(help.indexOf('pip install') < help.indexOf('cargo'));
  assert.match(help, /no ropa built in/);
  assert.doesNotMatch(notFoundHelp([], true), /no ropa built in/);
});
