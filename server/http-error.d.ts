import type { ApiErrorDetail } from '../contracts/submission.ts';
/**
 * The one error type routes throw; server/error-handler.ts turns it into
 * `{error:{code,message,details?}}` with `status`. `code` is stable and
 * machine-readable; `message` is for people and quotes the bad input.
 */
export declare class HttpError extends Error {
    readonly status: number;
    readonly code: string;
    readonly details?: ApiErrorDetail[] | undefined;
    name: string;
    constructor(status: number, code: string, message: string, details?: ApiErrorDetail[] | undefined);
}
