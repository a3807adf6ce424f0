/**
 * Streaming XML for the large parts (the register sheet, shared strings): htmlparser2 in XML mode,
 * which reports the exact source offsets of every tag. Reading uses the events; editing splices: the
 * source text between the places we change is copied through as it was, byte for byte, so attributes,
 * namespaces, comments and extensions we do not understand survive unchanged (shared/XLSX-LIBRARIES.md:
 * a no-op splice of an Excel sheet is byte-identical; re-serialising is not). Memory stays bounded by a
 * chunk plus whatever element is being held back.
 */
import { Parser } from 'htmlparser2';

/** Events with element names split into prefix and local name (producers differ in prefixes: "x:c" or "c"). */
export interface XmlEvents {
  open?(local: string, attrs: Readonly<Record<string, string>>, start: number, end: number, selfClosing: boolean, qname: string): void;
  /** For a self-closing element, `start` and `end` are its open tag's. */
  close?(local: string, start: number, end: number, selfClosing: boolean): void;
  /** Raw text (entities not decoded), possibly in several pieces. */
  text?(raw: string): void;
}

const localName = (qname: string) => {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
};

/** The source text seen so far, kept from the first offset a splice may still need. */
class SourceWindow {
  private text = '';
  private start = 0;
  append(chunk: string): void {
    this.text += chunk;
  }
  slice(from: number, to: number): string {
    return this.text.slice(from - this.start, to - this.start);
  }
  /** Forgets the text before `offset`. */
  dropBefore(offset: number): void {
    if (offset <= this.start) return;
    this.text = this.text.slice(offset - this.start);
    this.start = offset;
  }
}

/** htmlparser2's parser, told when the tag being opened closes itself ("<c r=\"A1\"/>"). */
class XmlParser extends Parser {
  selfClosing = false;
  override onselfclosingtag(endIndex: number): void {
    this.selfClosing = true;
    super.onselfclosingtag(endIndex);
    this.selfClosing = false;
  }
}

function parserFor(events: XmlEvents): XmlParser {
  const parser: XmlParser = new XmlParser(
    {
      onopentag(name, attrs) {
        events.open?.(localName(name), attrs, parser.startIndex, parser.endIndex, parser.selfClosing, name);
      },
      onclosetag(name, isImplied) {
        // A self-closing element's close event comes straight after its open event, as implied.
        events.close?.(localName(name), parser.startIndex, parser.endIndex, isImplied);
      },
      ontext(raw) {
        events.text?.(raw);
      },
    },
    { xmlMode: true, decodeEntities: false },
  );
  return parser;
}

/** Reads a part through `events`, chunk by chunk. */
export async function readXml(stream: ReadableStream<Uint8Array>, events: XmlEvents): Promise<void> {
  const parser = parserFor(events);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    parser.write(done ? decoder.decode() : decoder.decode(value, { stream: true }));
    if (done) break;
  }
  parser.end();
}

/** Reads a small part already in memory through `events` (offsets are into `text`). */
export function readXmlText(text: string, events: XmlEvents): void {
  const parser = parserFor(events);
  parser.write(text);
  parser.end();
}

/** What a splice handler does with the source: copy it through, skip it, or insert new text. */
export interface Splicer {
  /** Copies the source up to `offset` (exclusive) to the output. */
  copyTo(offset: number): void;
  /** Moves past the source up to `offset` without copying it. */
  skipTo(offset: number): void;
  insert(text: string): void;
  /** The source between two offsets still held (from the last copy or skip onwards). */
  source(from: number, to: number): string;
}

/**
 * Edits a part as it streams: `handlers` gets the splicer and returns the events; what it does not
 * touch is copied through. `finish` runs after the last event (to insert what belongs at the end).
 */
export function spliceXml(stream: ReadableStream<Uint8Array>, handlers: (s: Splicer) => XmlEvents & { finish?(): void }): ReadableStream<Uint8Array> {
  const source = new SourceWindow();
  const encoder = new TextEncoder();
  let out: string[] = [];
  let emitted = 0;
  const splicer: Splicer = {
    copyTo(offset) {
      if (offset > emitted) out.push(source.slice(emitted, offset));
      emitted = Math.max(emitted, offset);
    },
    skipTo(offset) {
      emitted = Math.max(emitted, offset);
    },
    insert(text) {
      out.push(text);
    },
    source: (from, to) => source.slice(from, to),
  };
  const events = handlers(splicer);
  const parser = parserFor(events);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const reader = stream.getReader();
  let total = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      // Feed chunks until there is output to hand on (back-pressure: one pull, about one chunk).
      for (;;) {
        const { done, value } = await reader.read();
        const text = done ? decoder.decode() : decoder.decode(value, { stream: true });
        total += text.length;
        source.append(text);
        parser.write(text);
        if (done) {
          parser.end();
          events.finish?.();
          splicer.copyTo(total);
        }
        source.dropBefore(emitted);
        if (out.length) {
          controller.enqueue(encoder.encode(out.join('')));
          out = [];
        }
        if (done) {
          controller.close();
          return;
        }
        if (controller.desiredSize !== null && controller.desiredSize <= 0) return;
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}
