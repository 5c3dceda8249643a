// Which `ropa` program runs the language server. Pure apart from the file
// system and process lookups it is handed, so it is tested without VS Code
// (editors/vscode/test/server.test.mjs).
import * as fs from 'fs';
import * as path from 'path';

/** Where a candidate came from, in the order they are tried. */
export type Source = 'setting' | 'bundled' | 'path';

export interface Candidate {
  source: Source;
  /** What the user would recognise: the setting's value, or `ropa`. */
  label: string;
  /** The absolute program path, or undefined when it does not exist. */
  command: string | undefined;
}

const exe = (platform: string) => (platform === 'win32' ? 'ropa.exe' : 'ropa');

/** The `ropa` program inside the extension's folder (platform-specific .vsix). */
export function bundledPath(extensionPath: string, platform: string = process.platform): string {
  return path.join(extensionPath, 'server', exe(platform));
}

export function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The absolute path of `command`: as given when it has a slash, else from PATH. */
export function resolveCommand(
  command: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: string = process.platform,
  exists: (p: string) => boolean = isFile,
): string | undefined {
  if (command.includes('/') || command.includes('\\')) {
    return exists(command) ? command : undefined;
  }
  const extensions = platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  const delimiter = platform === 'win32' ? ';' : ':';
  for (const dir of (env.PATH ?? env.Path ?? '').split(delimiter)) {
    for (const ext of extensions) {
      const candidate = path.join(dir, command + ext);
      if (dir && exists(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

/**
 * The programs to try, in order: the `ropa.server.path` setting when it is
 * set, the binary bundled in the extension, then `ropa` on PATH.
 */
export function candidates(
  setting: string,
  extensionPath: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: string = process.platform,
  exists: (p: string) => boolean = isFile,
): Candidate[] {
  const list: Candidate[] = [];
  const configured = setting.trim();
  if (configured) {
    list.push({ source: 'setting', label: configured, command: resolveCommand(configured, env, platform, exists) });
  }
  const bundled = bundledPath(extensionPath, platform);
  list.push({ source: 'bundled', label: 'ropa', command: exists(bundled) ? bundled : undefined });
  list.push({ source: 'path', label: 'ropa', command: resolveCommand('ropa', env, platform, exists) });
  return list;
}

/** "ropa 0.1.0" from `ropa --version`; undefined for anything else. */
export function parseVersion(stdout: string): string | undefined {
  const match = /^ropa (\S+)/m.exec(stdout);
  return match ? match[1] : undefined;
}

export function describe(source: Source): string {
  switch (source) {
    case 'setting':
      return 'the ropa.server.path setting';
    case 'bundled':
      return 'the ropa bundled with this extension';
    case 'path':
      return 'the ropa on PATH';
  }
}

/** Plain words for when no candidate works. Installing by pip comes first: no compiler needed. */
export function notFoundHelp(tried: string[], hasBundled: boolean): string {
  return (
    'ropa could not start: no working ropa program was found' +
    (tried.length ? ` (tried: ${tried.join('; ')})` : '') +
    '. ' +
    (hasBundled ? '' : 'This copy of the extension has no ropa built in for this computer. ') +
    'Install ropa with `pip install ropa-cli`, or download the archive for your system from ropa\'s release page ' +
    'and set `ropa.server.path` to the `ropa` program in it, then run "ropa: Restart the language server". ' +
    '(With a Rust toolchain, building ropa from source with cargo works too: see ropa\'s README.)'
  );
}
