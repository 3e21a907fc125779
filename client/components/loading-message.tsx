/** Shown while a page's code or its survey definition loads. */
export function LoadingMessage({ text = '読み込み中… / Loading…' }: { text?: string }) {
  return (
    <main className="page page--centered">
      <p role="status" className="loading-message">
        {text}
      </p>
    </main>
  );
}
