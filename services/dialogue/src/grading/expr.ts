/**
 * The grading expression language: a tiny, typed, side-effect-free language parsed into closures
 * (never `eval`). Grammar:
 *   expr    := and ('or' and)*          (also `||`)
 *   and     := unary ('and' unary)*     (also `&&`)
 *   unary   := 'not' unary | cmp        (also `!`)
 *   cmp     := primary (('=='|'!='|'>='|'<='|'>'|'<') primary)?
 *   primary := number | "string" | 'string' | true | false | fact | fn '(' args ')' | '(' expr ')'
 * Facts and functions are a fixed catalogue (`FACTS`, `FUNCTIONS`); anything else is a compile error
 * with its offset in the expression.
 */

export type ValueType = 'boolean' | 'number' | 'string';
export type Value = boolean | number | string;

/** What the grader knows about a finished call. */
export interface GradingFacts {
  consent: boolean;
  optedOut: boolean;
  wrongNumber: boolean;
  machine: boolean;
  transferred: boolean;
  kbQuestions: number;
  turns: number;
  talkMs: number;
  refusals: number;
  maxStageRefusals: number;
  silences: number;
  bargeIns: number;
  endReason: string;
  reachedNodes: ReadonlySet<string>;
  intentsSeen: ReadonlySet<string>;
  slots: Readonly<Record<string, string>>;
  refusalsByStage: Readonly<Record<string, number>>;
}

export const FACTS = {
  consent: 'boolean',
  optedOut: 'boolean',
  wrongNumber: 'boolean',
  machine: 'boolean',
  transferred: 'boolean',
  kbQuestions: 'number',
  turns: 'number',
  talkMs: 'number',
  refusals: 'number',
  maxStageRefusals: 'number',
  silences: 'number',
  bargeIns: 'number',
  endReason: 'string',
} as const satisfies Record<string, ValueType>;

type FactName = keyof typeof FACTS;

export const FUNCTIONS = {
  /** reached("intro_1"): the call visited that node. */
  reached: { args: ['string'], returns: 'boolean', fn: (f: GradingFacts, a: string) => f.reachedNodes.has(a) },
  /** saw("kb:kb_rate"): that intent was classified at least once. */
  saw: { args: ['string'], returns: 'boolean', fn: (f: GradingFacts, a: string) => f.intentsSeen.has(a) },
  /** slot("purpose"): the slot's value, "" when not filled. */
  slot: { args: ['string'], returns: 'string', fn: (f: GradingFacts, a: string) => f.slots[a] ?? '' },
  /** filled("purpose"): the slot has a value. */
  filled: { args: ['string'], returns: 'boolean', fn: (f: GradingFacts, a: string) => (f.slots[a] ?? '') !== '' },
  /** refusalsIn("opening"): refusals counted in one stage. */
  refusalsIn: { args: ['string'], returns: 'number', fn: (f: GradingFacts, a: string) => f.refusalsByStage[a] ?? 0 },
} as const;

type FnName = keyof typeof FUNCTIONS;

export class ExprError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
    this.name = 'ExprError';
  }
}

type TokenKind = 'num' | 'str' | 'ident' | 'op' | 'lparen' | 'rparen' | 'comma' | 'eof';
interface Token {
  kind: TokenKind;
  text: string;
  offset: number;
}

const OPERATORS = ['==', '!=', '>=', '<=', '&&', '||', '>', '<', '!'];

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c === '(' ? 'lparen' : c === ')' ? 'rparen' : 'comma', text: c, offset: i });
      i++;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j++;
      if (j >= src.length) throw new ExprError('unterminated string', start);
      tokens.push({ kind: 'str', text: src.slice(i + 1, j), offset: start });
      i = j + 1;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(src.slice(i))!;
      tokens.push({ kind: 'num', text: m[0], offset: start });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      tokens.push({ kind: 'ident', text: m[0], offset: start });
      i += m[0].length;
    } else {
      const op = OPERATORS.find((o) => src.startsWith(o, i));
      if (!op) throw new ExprError(`unexpected character '${c}'`, start);
      tokens.push({ kind: 'op', text: op, offset: start });
      i += op.length;
    }
  }
  tokens.push({ kind: 'eof', text: '', offset: src.length });
  return tokens;
}

interface Typed {
  type: ValueType;
  eval: (facts: GradingFacts) => Value;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos]!;
  }
  private next(): Token {
    return this.tokens[this.pos++]!;
  }
  private isWord(word: string, symbol: string): boolean {
    const t = this.peek();
    return (t.kind === 'ident' && t.text === word) || (t.kind === 'op' && t.text === symbol);
  }

  parseAll(): Typed {
    const e = this.parseOr();
    const t = this.peek();
    if (t.kind !== 'eof') throw new ExprError(`unexpected '${t.text}'`, t.offset);
    return e;
  }

  private parseOr(): Typed {
    let left = this.parseAnd();
    while (this.isWord('or', '||')) {
      const t = this.next();
      const right = this.parseAnd();
      const [l, r] = [bool(left, t), bool(right, t)];
      left = { type: 'boolean', eval: (f) => l(f) || r(f) };
    }
    return left;
  }

  private parseAnd(): Typed {
    let left = this.parseUnary();
    while (this.isWord('and', '&&')) {
      const t = this.next();
      const right = this.parseUnary();
      const [l, r] = [bool(left, t), bool(right, t)];
      left = { type: 'boolean', eval: (f) => l(f) && r(f) };
    }
    return left;
  }

  private parseUnary(): Typed {
    if (this.isWord('not', '!')) {
      const t = this.next();
      const inner = bool(this.parseUnary(), t);
      return { type: 'boolean', eval: (f) => !inner(f) };
    }
    return this.parseCmp();
  }

  private parseCmp(): Typed {
    const left = this.parsePrimary();
    const t = this.peek();
    if (t.kind !== 'op' || !['==', '!=', '>=', '<=', '>', '<'].includes(t.text)) return left;
    this.next();
    const right = this.parsePrimary();
    if (left.type !== right.type) throw new ExprError(`cannot compare ${left.type} with ${right.type}`, t.offset);
    if (left.type !== 'number' && !['==', '!='].includes(t.text)) {
      throw new ExprError(`'${t.text}' needs numbers, got ${left.type}`, t.offset);
    }
    const [l, r] = [left.eval, right.eval];
    const cmp: Record<string, (a: Value, b: Value) => boolean> = {
      '==': (a, b) => a === b,
      '!=': (a, b) => a !== b,
      '>=': (a, b) => a >= b,
      '<=': (a, b) => a <= b,
      '>': (a, b) => a > b,
      '<': (a, b) => a < b,
    };
    const op = cmp[t.text]!;
    return { type: 'boolean', eval: (f) => op(l(f), r(f)) };
  }

  private parsePrimary(): Typed {
    const t = this.next();
    switch (t.kind) {
      case 'num': {
        const v = Number(t.text);
        return { type: 'number', eval: () => v };
      }
      case 'str':
        return { type: 'string', eval: () => t.text };
      case 'lparen': {
        const e = this.parseOr();
        const close = this.next();
        if (close.kind !== 'rparen') throw new ExprError(`expected ')'`, close.offset);
        return e;
      }
      case 'ident':
        return this.parseIdent(t);
      default:
        throw new ExprError(t.kind === 'eof' ? 'unexpected end of expression' : `unexpected '${t.text}'`, t.offset);
    }
  }

  private parseIdent(t: Token): Typed {
    if (t.text === 'true' || t.text === 'false') {
      const v = t.text === 'true';
      return { type: 'boolean', eval: () => v };
    }
    if (this.peek().kind === 'lparen') {
      if (!Object.hasOwn(FUNCTIONS, t.text)) {
        throw new ExprError(`unknown function '${t.text}' (known: ${Object.keys(FUNCTIONS).join(', ')})`, t.offset);
      }
      const spec = FUNCTIONS[t.text as FnName];
      this.next();
      const args: Typed[] = [];
      while (this.peek().kind !== 'rparen') {
        if (args.length > 0) {
          const comma = this.next();
          if (comma.kind !== 'comma') throw new ExprError(`expected ',' or ')'`, comma.offset);
        }
        args.push(this.parseOr());
      }
      this.next();
      if (args.length !== spec.args.length) throw new ExprError(`${t.text}() takes ${spec.args.length} argument(s)`, t.offset);
      args.forEach((a, i) => {
        if (a.type !== spec.args[i]) throw new ExprError(`${t.text}() argument ${i + 1} must be a ${spec.args[i]}`, t.offset);
      });
      const arg = args[0]!.eval;
      const fn = spec.fn as (f: GradingFacts, a: string) => Value;
      return { type: spec.returns, eval: (f) => fn(f, arg(f) as string) };
    }
    if (!Object.hasOwn(FACTS, t.text)) {
      throw new ExprError(`unknown fact '${t.text}' (known: ${Object.keys(FACTS).join(', ')})`, t.offset);
    }
    const name = t.text as FactName;
    return { type: FACTS[name], eval: (f) => f[name] };
  }
}

function bool(e: Typed, at: Token): (f: GradingFacts) => boolean {
  if (e.type !== 'boolean') throw new ExprError(`'${at.text}' needs booleans, got ${e.type}`, at.offset);
  return e.eval as (f: GradingFacts) => boolean;
}

export type Predicate = (facts: GradingFacts) => boolean;

/** Compile a boolean expression; throws ExprError with the offset of the problem. */
export function compileExpr(src: string | boolean): Predicate {
  if (typeof src === 'boolean') return () => src;
  const typed = new Parser(tokenize(src)).parseAll();
  if (typed.type !== 'boolean') throw new ExprError(`a grading rule must be a condition, got a ${typed.type}`, 0);
  return typed.eval as Predicate;
}

/** True when the expression is the literal `true` (used to flag rules after it as unreachable). */
export function isAlwaysTrue(src: string | boolean): boolean {
  return src === true || (typeof src === 'string' && src.trim() === 'true');
}
