import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
  /** Microseconds of the monotonic clock, the one process.hrtime reads. */
  readonly startTime: number;
}

export interface Frame {
  readonly name: string;
  readonly ms: number;
  readonly share: number;
}

/**
 * The heaviest frames of a V8 `.cpuprofile` (node --cpu-prof): self time per function (where the
 * CPU actually was), and total time per function of the service's own code (dist/src: the frame
 * and everything it called, each sample counted once per function however deep the recursion).
 * Shares are of the busy time: idle and `(program)` (native code V8 cannot name) are left out,
 * and so is everything before `fromUs` (process.hrtime in µs, the same monotonic clock).
 */
export function topFrames(
  path: string,
  count: number,
  fromUs: number,
): { self: Frame[]; total: Frame[]; busyMs: number } {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const selfUs = new Map<string, number>();
  const totalUs = new Map<string, number>();
  let busy = 0;
  let clock = profile.startTime;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const us = profile.timeDeltas[i] ?? 0;
    clock += us;
    if (clock < fromUs) return;
    const name = node?.callFrame.functionName;
    if (node === undefined || name === '(idle)' || name === '(program)') return;
    busy += us;
    add(selfUs, label(node), us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at);
      if (frame === undefined || !frame.callFrame.url.includes('/dist/src/')) continue;
      const key = label(frame);
      if (!seen.has(key)) add(totalUs, key, us);
      seen.add(key);
    }
  });
  const top = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, us]) => ({ name, ms: us / 1000, share: busy === 0 ? 0 : us / busy }));
  return { self: top(selfUs), total: top(totalUs), busyMs: busy / 1000 };
}

function add(map: Map<string, number>, key: string, us: number): void {
  map.set(key, (map.get(key) ?? 0) + us);
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^file:\/\//, '').replace(/^.*\/(dist\/|node_modules\/)/, '$1');
  return `${functionName || '(anonymous)'} ${file === '' ? '' : `${file}:${lineNumber + 1}`}`.trim();
}
