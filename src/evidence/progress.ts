import { Presets, SingleBar } from "cli-progress";

/** Progress of a long job: a bar on a terminal, plain lines in logs and CI. */
export interface Progress {
  /** Sets how far along the job is; `total` may become known late. */
  update(done: number, total?: number | null): void;
  /** A line of text that does not break the bar. */
  log(line: string): void;
  stop(): void;
}

export interface ProgressOptions {
  label: string;
  total?: number | null;
  stream?: NodeJS.WriteStream;
  /** Minimum milliseconds between plain lines. */
  interval?: number;
  now?: () => number;
}

/** A progress reporter on stderr: cli-progress bar when it is a TTY, else a line at most every 2 s. */
export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  return stream.isTTY ? barProgress(options, stream) : lineProgress(options, stream);
}

function barProgress(o: ProgressOptions, stream: NodeJS.WriteStream): Progress {
  const bar = new SingleBar(
    { stream, format: `${o.label} [{bar}] {value}/{total} {percentage}% {eta_formatted}`, hideCursor: true, clearOnComplete: false },
    Presets.shades_classic,
  );
  let total = o.total ?? 0;
  bar.start(total, 0);
  return {
    update(done, t) {
      if (t !== undefined && t !== null && t !== total) bar.setTotal((total = t));
      if (done > total) bar.setTotal((total = done));
      bar.update(done);
    },
    log(line) {
      stream.write(`\r\x1b[K${line}\n`);
      bar.render();
    },
    stop: () => bar.stop(),
  };
}

function lineProgress(o: ProgressOptions, stream: NodeJS.WriteStream): Progress {
  const now = o.now ?? Date.now;
  const interval = o.interval ?? 2000;
  let total = o.total ?? null;
  let last = -Infinity;
  let done = 0;
  const line = () => stream.write(`${o.label}: ${done}${total ? `/${total} (${Math.floor((done / total) * 100)}%)` : ""}\n`);
  return {
    update(d, t) {
      done = d;
      if (t !== undefined) total = t;
      if (now() - last >= interval) {
        last = now();
        line();
      }
    },
    log: (text) => void stream.write(`${text}\n`),
    stop: () => void line(),
  };
}
