/**
 * Shares of a V8 CPU profile (`node --cpu-prof`), by function:
 *   node --import tsx bench/profile-shares.ts FILE.cpuprofile [--top 40] [--under runPipeline]
 * Self: samples whose leaf is the function. Total: samples with the function anywhere on the stack
 * (counted once per sample). `--under NAME` keeps only samples with NAME on the stack, and shares are
 * of those. Functions are keyed by name and file (the file's last two path parts).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
}

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const file = args[0];
const top = Number(option('--top') ?? 40);
const under = option('--under');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n: ProfileNode) => {
  const where = n.callFrame.url.split('/').slice(-2).join('/');
  return `${n.callFrame.functionName || '(anonymous)'} ${where}:${n.callFrame.lineNumber + 1}`;
};

const self = new Map<string, number>();
const total = new Map<string, number>();
let counted = 0;
for (const leaf of profile.samples) {
  const stack: ProfileNode[] = [];
  for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) stack.push(byId.get(id) as ProfileNode);
  if (under && !stack.some((n) => n.callFrame.functionName === under)) continue;
  if (stack[0].callFrame.functionName === '(idle)') continue;
  counted++;
  self.set(label(stack[0]), (self.get(label(stack[0])) ?? 0) + 1);
  for (const name of new Set(stack.map(label))) total.set(name, (total.get(name) ?? 0) + 1);
}
const show = (title: string, m: Map<string, number>) => {
  console.log(`${title} (${counted} samples${under ? ` under ${under}` : ''})`);
  for (const [name, n] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${((100 * n) / counted).toFixed(1).padStart(5)} %  ${name}`);
};
show('self', self);
show('total', total);
