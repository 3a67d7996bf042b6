// Starts a throwaway code-server for one test run: fresh user-data, extensions and config dirs in a
// temp folder, a free loopback port, settings written before the first start. Used by the
// extension-host runner and by the end-to-end UI tests.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where scripts/editor/install-code-server.sh puts the editor. */
export function editorCacheDir(): string {
  return process.env.TAGTRAIL_EDITOR_CACHE ?? join(homedir(), '.cache', 'tagtrail-code-server');
}

/** The code-server binary, or an error saying how to install it. */
export function codeServerBinary(): string {
  const bin = join(editorCacheDir(), 'node_modules', '.bin', 'code-server');
  if (!existsSync(bin) || !existsSync(join(editorCacheDir(), '.tagtrail-install-complete'))) {
    throw new Error(`code-server is not installed in ${editorCacheDir()}; run scripts/editor/install-code-server.sh first`);
  }
  return bin;
}

/** Asks the kernel for a free loopback port (a small race with other processes is accepted). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** User settings that keep a test workbench quiet and deterministic. */
export function testSettings(theme: string): Record<string, unknown> {
  return {
    'workbench.colorTheme': theme,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': false,
    'git.enabled': false,
    'chat.disableAIFeatures': true,
    'window.commandCenter': false,
    'editor.minimap.enabled': false,
  };
}

export interface CodeServerOptions {
  /** Folder the workbench opens; default: an empty folder in the run's temp dir. */
  folder?: string;
  theme?: string;
  /** .vsix files or extension folders installed into the fresh extensions dir before start. */
  install?: string[];
  /** Extra environment for the server (the extension host inherits it). */
  env?: Record<string, string>;
  /** Keep the temp dir after stop() (for debugging). */
  keep?: boolean;
}

export interface CodeServer {
  port: number;
  /** http://127.0.0.1:<port> */
  origin: string;
  folder: string;
  /** The run's temp dir: user-data, extensions, server log. */
  dir: string;
  logFile: string;
  /** Workbench URL for the folder, with an optional `payload` (extension development/test paths). */
  workbenchUrl(payload?: [string, string][]): string;
  /** The last lines of the server log, for failure messages. */
  logTail(lines?: number): string;
  /** True once the server process has exited. */
  exited(): boolean;
  stop(): Promise<void>;
}

async function waitHealthy(origin: string, child: ChildProcess, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`code-server exited early (${child.exitCode ?? child.signalCode})`);
    try {
      if ((await fetch(`${origin}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer on ${origin} within ${ms / 1000}s`);
}

/** Starts code-server and resolves once it answers its health check. */
export async function startCodeServer(opts: CodeServerOptions = {}): Promise<CodeServer> {
  const bin = codeServerBinary();
  const dir = mkdtempSync(join(tmpdir(), 'tagtrail-editor-'));
  const userData = join(dir, 'user-data');
  const extensions = join(dir, 'extensions');
  const folder = opts.folder ?? join(dir, 'workspace');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(testSettings(opts.theme ?? 'Default Light Modern'), null, 2));
  const common = ['--config', join(dir, 'config.yaml'), '--user-data-dir', userData, '--extensions-dir', extensions];
  for (const ext of opts.install ?? []) {
    const r = spawnSync(bin, [...common, '--install-extension', ext, '--force'], { encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`installing ${ext} into code-server failed:\n${r.stdout}${r.stderr}`);
  }
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const logFile = join(dir, 'code-server.log');
  const log = createWriteStream(logFile);
  const child = spawn(bin, [...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', folder], {
    // Its own process group, so that stop() also ends the extension host and its helpers.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...opts.env },
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const server: CodeServer = {
    port, origin, folder, dir, logFile,
    workbenchUrl(payload) {
      const q = new URLSearchParams({ folder });
      if (payload) q.set('payload', JSON.stringify(payload));
      return `${origin}/?${q.toString()}`;
    },
    logTail(lines = 40) {
      try {
        return readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
      } catch {
        return '';
      }
    },
    exited: () => child.exitCode !== null || child.signalCode !== null,
    async stop() {
      if (!server.exited() && child.pid !== undefined) {
        const gone = new Promise((r) => child.once('exit', r));
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
        const t = setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } }, 5_000);
        await gone;
        clearTimeout(t);
      }
      log.end();
      if (!opts.keep) rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await waitHealthy(origin, child, 60_000);
  } catch (e) {
    const tail = server.logTail();
    await server.stop();
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${tail}`);
  }
  return server;
}
