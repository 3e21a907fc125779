/**
 * A stored record that cannot be analysed: not a record, another survey, an unknown version,
 * or an answer the definitions do not allow. The message says what is wrong and quotes the
 * bad value; the caller adds where (file and line, or record index).
 */
export class RecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordError';
  }
}
