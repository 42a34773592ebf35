/**
 * Incremental RFC 4180 CSV parser: feed text chunks, get complete records back. Quoted fields
 * may span chunks and lines; `""` is a literal quote; CRLF and LF both end a record.
 */
export class CsvParser {
  private field = '';
  private record: string[] = [];
  private inQuotes = false;
  /** A quote just closed inside a quoted field: the next char decides (another quote = literal). */
  private quotePending = false;
  private fieldStarted = false;

  push(chunk: string): string[][] {
    const out: string[][] = [];
    let start = 0;
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      const c = chunk.charCodeAt(i);
      if (this.inQuotes) {
        if (this.quotePending) {
          this.quotePending = false;
          if (c === 34) {
            this.field += '"';
            i++;
            start = i;
            continue;
          }
          this.inQuotes = false;
          start = i;
          continue;
        }
        if (c === 34) {
          this.field += chunk.slice(start, i);
          this.quotePending = true;
          i++;
          start = i;
          continue;
        }
        i++;
        continue;
      }
      if (c === 44 /* , */) {
        this.field += chunk.slice(start, i);
        this.endField();
        i++;
        start = i;
      } else if (c === 10 /* \n */ || c === 13 /* \r */) {
        this.field += chunk.slice(start, i);
        if (c === 13 && chunk.charCodeAt(i + 1) === 10) i++;
        if (this.fieldStarted || this.record.length > 0 || this.field !== '') {
          this.endField();
          out.push(this.record);
          this.record = [];
        }
        i++;
        start = i;
      } else if (c === 34 && !this.fieldStarted && this.field === '' && i === start) {
        this.inQuotes = true;
        this.fieldStarted = true;
        i++;
        start = i;
      } else {
        this.fieldStarted = true;
        i++;
      }
    }
    if (start < n && !(this.inQuotes && this.quotePending)) this.field += chunk.slice(start, n);
    return out;
  }

  /** Flush the last record (a file need not end with a newline). */
  end(): string[][] {
    if (this.quotePending) {
      this.quotePending = false;
      this.inQuotes = false;
    }
    if (this.inQuotes) throw new Error('CSV ends inside a quoted field (unterminated quote)');
    if (this.fieldStarted || this.record.length > 0 || this.field !== '') {
      this.endField();
      const last = this.record;
      this.record = [];
      return [last];
    }
    return [];
  }

  private endField(): void {
    this.record.push(this.field);
    this.field = '';
    this.fieldStarted = false;
  }
}
