/**
 * The part of TwiML a media-streaming carrier acts on: `<Response><Connect><Stream url>` with its
 * `<Parameter name value/>`s. A small strict XML reader (elements, attributes, entities, comments)
 * is enough for TwiML and keeps malformed documents from being half-understood.
 */
export interface StreamInstruction {
  url: string;
  parameters: Record<string, string>;
}

export class TwimlError extends Error {
  constructor(message: string) {
    super(`invalid TwiML: ${message}`);
    this.name = 'TwimlError';
  }
}

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data directly inside the element. */
  text?: string;
}

const NAME = /[A-Za-z_][\w.:-]*/y;
const ATTRIBUTE = /\s+([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/y;

function decodeEntities(text: string, at: number): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos|[^;\s]*);?/g, (whole, ref: string) => {
    switch (ref) {
      case 'amp': return '&';
      case 'lt': return '<';
      case 'gt': return '>';
      case 'quot': return '"';
      case 'apos': return "'";
    }
    if (ref.startsWith('#x') && whole.endsWith(';')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#') && whole.endsWith(';')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    throw new TwimlError(`bad entity "${whole}" near offset ${at}`);
  });
}

function parseXml(doc: string): XmlElement {
  let pos = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const skipMisc = (): void => {
    for (;;) {
      const ws = /\s*/y;
      ws.lastIndex = pos;
      ws.exec(doc);
      pos = ws.lastIndex;
      if (doc.startsWith('<?', pos)) {
        const end = doc.indexOf('?>', pos);
        if (end < 0) throw new TwimlError(`unterminated processing instruction at offset ${pos}`);
        pos = end + 2;
      } else if (doc.startsWith('<!--', pos)) {
        const end = doc.indexOf('-->', pos);
        if (end < 0) throw new TwimlError(`unterminated comment at offset ${pos}`);
        pos = end + 3;
      } else return;
    }
  };
  skipMisc();
  while (pos < doc.length) {
    if (doc.startsWith('<!--', pos) || doc.startsWith('<?', pos)) {
      skipMisc();
      continue;
    }
    if (doc.startsWith('</', pos)) {
      NAME.lastIndex = pos + 2;
      const m = NAME.exec(doc);
      const close = doc.indexOf('>', pos);
      const open = stack.pop();
      if (!m || close < 0) throw new TwimlError(`malformed closing tag at offset ${pos}`);
      if (!open || open.name !== m[0]) throw new TwimlError(`</${m[0]}> at offset ${pos} does not close ${open ? `<${open.name}>` : 'any element'}`);
      pos = close + 1;
      if (stack.length === 0) {
        skipMisc();
        if (pos < doc.length) throw new TwimlError(`content after the root element at offset ${pos}`);
      }
      continue;
    }
    if (doc[pos] === '<') {
      NAME.lastIndex = pos + 1;
      const m = NAME.exec(doc);
      if (!m) throw new TwimlError(`malformed tag at offset ${pos}`);
      const element: XmlElement = { name: m[0], attributes: {}, children: [] };
      let cursor = NAME.lastIndex;
      for (;;) {
        ATTRIBUTE.lastIndex = cursor;
        const a = ATTRIBUTE.exec(doc);
        if (!a) break;
        if (a[1]! in element.attributes) throw new TwimlError(`duplicate attribute ${a[1]} on <${element.name}>`);
        element.attributes[a[1]!] = decodeEntities(a[3] ?? a[4] ?? '', cursor);
        cursor = ATTRIBUTE.lastIndex;
      }
      const rest = /\s*(\/?)>/y;
      rest.lastIndex = cursor;
      const end = rest.exec(doc);
      if (!end) throw new TwimlError(`malformed <${element.name}> tag at offset ${pos}`);
      pos = rest.lastIndex;
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else if (root) throw new TwimlError(`second root element <${element.name}>`);
      else root = element;
      if (end[1] !== '/') stack.push(element);
      else if (!parent) {
        skipMisc();
        if (pos < doc.length) throw new TwimlError(`content after the root element at offset ${pos}`);
      }
      continue;
    }
    const next = doc.indexOf('<', pos);
    const text = doc.slice(pos, next < 0 ? doc.length : next);
    if (stack.length === 0) throw new TwimlError(`text outside the root element at offset ${pos}`);
    const owner = stack[stack.length - 1]!;
    owner.text = (owner.text ?? '') + decodeEntities(text, pos);
    pos = next < 0 ? doc.length : next;
  }
  if (stack.length > 0) throw new TwimlError(`<${stack[stack.length - 1]!.name}> is never closed`);
  if (!root) throw new TwimlError('empty document');
  return root;
}

/** The TwiML verbs this carrier executes. */
export type TwimlVerb =
  | { verb: 'Stream'; stream: StreamInstruction }
  | { verb: 'Play'; url: string; loop: number }
  | { verb: 'Pause'; seconds: number }
  | { verb: 'Hangup' };

/** Parse a TwiML document into verbs; throws TwimlError naming what is wrong or unsupported. */
export function parseTwiml(doc: string): TwimlVerb[] {
  const root = parseXml(doc);
  if (root.name !== 'Response') throw new TwimlError(`root element is <${root.name}>, expected <Response>`);
  return root.children.map((el): TwimlVerb => {
    switch (el.name) {
      case 'Connect':
        return { verb: 'Stream', stream: readConnect(el) };
      case 'Play': {
        const loop = el.attributes.loop === undefined ? 1 : Number(el.attributes.loop);
        if (!Number.isInteger(loop) || loop < 1 || loop > 10) throw new TwimlError(`<Play loop="${el.attributes.loop}"> must be 1–10 here`);
        return { verb: 'Play', url: httpUrl(textOf(el), '<Play>'), loop };
      }
      case 'Pause': {
        const seconds = el.attributes.length === undefined ? 1 : Number(el.attributes.length);
        if (!Number.isInteger(seconds) || seconds < 1 || seconds > 60) throw new TwimlError(`<Pause length="${el.attributes.length}"> must be 1–60 seconds`);
        return { verb: 'Pause', seconds };
      }
      case 'Hangup':
        return { verb: 'Hangup' };
      default:
        throw new TwimlError(`<${el.name}> is not supported by this carrier (Connect/Stream, Play, Pause, Hangup)`);
    }
  });
}

/** Originating TwiML must bridge the call to a media stream: one `<Connect><Stream>`, nothing else. */
export function parseStreamTwiml(doc: string): StreamInstruction {
  const verbs = parseTwiml(doc);
  const first = verbs[0];
  if (verbs.length !== 1 || first?.verb !== 'Stream') {
    throw new TwimlError(`an originated call needs exactly <Connect><Stream>, got ${verbs.map((v) => `<${v.verb}>`).join('') || 'an empty <Response>'}`);
  }
  return first.stream;
}

function readConnect(connect: XmlElement): StreamInstruction {
  const streams = connect.children.filter((c) => c.name === 'Stream');
  if (streams.length !== 1 || connect.children.length !== 1) throw new TwimlError(`<Connect> must hold exactly one <Stream>, found ${streams.length}`);
  const stream = streams[0]!;
  const url = stream.attributes.url;
  if (!url) throw new TwimlError('<Stream> has no url attribute');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TwimlError(`<Stream url="${url}"> is not a URL`);
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') throw new TwimlError(`<Stream url> must be ws:// or wss://, got ${parsed.protocol}`);
  const parameters: Record<string, string> = {};
  for (const child of stream.children) {
    if (child.name !== 'Parameter') throw new TwimlError(`unexpected <${child.name}> inside <Stream>`);
    const { name, value } = child.attributes;
    if (!name) throw new TwimlError('<Parameter> has no name attribute');
    parameters[name] = value ?? '';
  }
  return { url, parameters };
}

function textOf(el: XmlElement): string {
  return (el.text ?? '').trim();
}

function httpUrl(url: string, where: string): string {
  if (!/^https?:\/\//.test(url) || !URL.canParse(url)) throw new TwimlError(`${where} needs an absolute http(s) URL, got "${url}"`);
  return url;
}
