/**
 * Question types whose answer is an attachment, a data URL inside the answer (issue 22, item 2): the
 * server checks them (server/validation/attachment-rules.ts), exports write them as files beside the table
 * (server/export/attachment-files.ts), and reports never read them (analysis/plan/plan-report.ts).
 */
export type AttachmentQuestionType = 'signaturepad' | 'file';

export function isAttachmentType(type: string): type is AttachmentQuestionType {
  return type === 'signaturepad' || type === 'file';
}
