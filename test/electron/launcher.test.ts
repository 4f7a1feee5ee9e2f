import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  fetchElectron,
  firstErrorLine,
  installedElectronBinary,
  probeElectron,
} from '../../src/main/launcher/electron-probe.ts';
import {
  decideLaunch,
  downloadSkipReason,
  unavailableNotice,
} from '../../src/main/launcher/launch-plan.ts';
import { makeTempDir } from '../support/temp-dir.ts';

const temp = makeTempDir('streamlens-launcher-');
afterAll(() => temp.cleanup());
let folders = 0;

/** A stand-in `electron` package folder whose installer does what `installer` says. */
function electronPackage(options: { binary?: boolean; installer?: string } = {}): string {
  const dir = join(temp.dir, `electron-${folders++}`);
  mkdirSync(join(dir, 'dist'), { recursive: true });
  if (options.binary) {
    writeFileSync(join(dir, 'path.txt'), 'electron');
    writeFileSync(join(dir, 'dist', 'electron'), '');
  }
  writeFileSync(join(dir, 'install.js'), options.installer ?? 'process.exit(0);');
  return dir;
}

const INSTALLS = `
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
writeFileSync(join(__dirname, 'path.txt'), 'electron');
writeFileSync(join(__dirname, 'dist', 'electron'), '');
`;
const NO_NETWORK = `
console.error('TypeError: fetch failed');
console.error('    at node:internal/deps/undici/undici:13502:13');
process.exit(1);
`;

describe('decideLaunch', () => {
  it('opens the desktop app when the binary is there', () => {
    expect(decideLaunch({ binary: '/e/dist/electron' })).toEqual({
      mode: 'desktop',
      binary: '/e/dist/electron',
    });
  });

  it('serves in the browser, saying why, when the download failed', () => {
    expect(decideLaunch({ fetchFailure: 'TypeError: fetch failed' })).toEqual({
      mode: 'browser',
      reason: 'its binary is not installed and could not be downloaded: TypeError: fetch failed',
      notice:
        'Electron is not available on this machine (its binary is not installed and could not ' +
        'be downloaded: TypeError: fetch failed); serving the dashboard in your browser instead.',
    });
  });

  it('serves in the browser when downloads are turned off', () => {
    const plan = decideLaunch({ fetchSkipped: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set' });
    expect(plan).toMatchObject({
      mode: 'browser',
      reason: 'its binary is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD is set',
    });
  });

  it('words the notice as one line', () => {
    expect(unavailableNotice('x')).toBe(
      'Electron is not available on this machine (x); serving the dashboard in your browser instead.',
    );
    expect(unavailableNotice('x')).not.toContain('\n');
  });
});

describe('downloadSkipReason', () => {
  it('reads ELECTRON_SKIP_BINARY_DOWNLOAD as npm packages do', () => {
    expect(downloadSkipReason({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' })).toBe(
      'ELECTRON_SKIP_BINARY_DOWNLOAD is set',
    );
    expect(downloadSkipReason({ ELECTRON_SKIP_BINARY_DOWNLOAD: 'true' })).toBeDefined();
    for (const off of [undefined, '', '0', 'false', ' FALSE ']) {
      expect(downloadSkipReason({ ELECTRON_SKIP_BINARY_DOWNLOAD: off })).toBeUndefined();
    }
  });
});

describe('installedElectronBinary', () => {
  it('finds the binary that path.txt names', () => {
    const dir = electronPackage({ binary: true });
    expect(installedElectronBinary(dir)).toBe(join(dir, 'dist', 'electron'));
  });

  it('finds nothing without path.txt, or when the file it names is missing', () => {
    expect(installedElectronBinary(electronPackage())).toBeUndefined();
    const dir = electronPackage();
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect(installedElectronBinary(dir)).toBeUndefined();
  });
});

describe('fetchElectron', () => {
  it('reports the first error line of a failed installer', async () => {
    expect(await fetchElectron(electronPackage({ installer: NO_NETWORK }), 10_000)).toBe(
      'TypeError: fetch failed',
    );
  });

  it('gives up on an installer that does not answer in time', async () => {
    const hangs = electronPackage({ installer: 'setInterval(() => {}, 1000);' });
    expect(await fetchElectron(hangs, 300)).toBe('no answer within 0.3 s');
  });

  it('reports success when the installer exits cleanly', async () => {
    expect(await fetchElectron(electronPackage({ installer: INSTALLS }), 10_000)).toBeUndefined();
  });

  it('names the exit code of an installer that says nothing', async () => {
    const silent = electronPackage({ installer: 'process.exit(3);' });
    expect(await fetchElectron(silent, 10_000)).toBe('the installer exited with code 3');
  });
});

describe('firstErrorLine', () => {
  it('skips blank lines and stack frames', () => {
    expect(firstErrorLine('\n  at x (y.js:1:1)\nError: boom\n  at z')).toBe('Error: boom');
    expect(firstErrorLine('\n   \n')).toBeUndefined();
  });
});

describe('probeElectron', () => {
  it('uses an installed binary without running the installer', async () => {
    const dir = electronPackage({ binary: true, installer: 'process.exit(1);' });
    expect(await probeElectron(dir, {})).toEqual({ binary: join(dir, 'dist', 'electron') });
  });

  it('fetches a missing binary and then uses it', async () => {
    const dir = electronPackage({ installer: INSTALLS });
    expect(await probeElectron(dir, {})).toEqual({ binary: join(dir, 'dist', 'electron') });
  });

  it('reports a failed fetch, which makes npm start serve in the browser', async () => {
    const probe = await probeElectron(electronPackage({ installer: NO_NETWORK }), {});
    expect(probe).toEqual({ fetchFailure: 'TypeError: fetch failed' });
    expect(decideLaunch(probe).mode).toBe('browser');
  });

  it('tries no download when they are turned off', async () => {
    const dir = electronPackage({ installer: INSTALLS });
    const probe = await probeElectron(dir, { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    expect(probe).toEqual({ fetchSkipped: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set' });
    expect(installedElectronBinary(dir)).toBeUndefined();
  });

  it('reports an installer that claims success but leaves no binary', async () => {
    expect(await probeElectron(electronPackage(), {})).toEqual({
      fetchFailure: 'the installer wrote no binary',
    });
  });
});
