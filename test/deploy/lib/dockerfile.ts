/** Just enough of the Dockerfile and .dockerignore formats to check an image's inputs. */

export interface Instruction {
  stage: string;
  keyword: string;
  args: string;
  line: number;
}

/** Instructions with line continuations joined and comments dropped, each tagged with its stage. */
export function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  let stage = '';
  let pending = '';
  let startLine = 0;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!pending && (line === '' || line.startsWith('#'))) return;
    if (pending && line.startsWith('#')) return;
    if (!pending) startLine = i + 1;
    pending += (pending ? ' ' : '') + line.replace(/\\$/, '').trim();
    if (line.endsWith('\\')) return;
    const [keyword = '', ...rest] = pending.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') stage = /\bAS\s+(\S+)/i.exec(args)?.[1] ?? args;
    out.push({ stage, keyword: keyword.toUpperCase(), args, line: startLine });
    pending = '';
  });
  return out;
}

/** Sources of a COPY/ADD (flags and the destination removed); JSON-array form supported. */
export function copySources(args: string): { from?: string; sources: string[] } {
  const words = args.trim().startsWith('[') ? (JSON.parse(args) as string[]) : args.split(/\s+/);
  const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
  const plain = words.filter((w) => !w.startsWith('--'));
  return { from, sources: plain.slice(0, -1) };
}

function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      re += '.*';
      i++;
      if (pattern[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}(?:/.*)?$`);
}

/** A .dockerignore matcher: the last matching rule wins, `!` re-includes. */
export function dockerIgnore(text: string): (path: string) => boolean {
  const rules = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => ({ include: l.startsWith('!'), re: globToRegExp(l.replace(/^!/, '').replace(/^\/+/, '').replace(/\/+$/, '')) }));
  return (path) => {
    let ignored = false;
    for (const r of rules) if (r.re.test(path)) ignored = !r.include;
    return ignored;
  };
}
