/** Any URL the client does not know. */
export function NotFoundPage({ path }: { path: string }) {
  return (
    <main className="page page--centered">
      <h1>ページが見つかりません / Page not found</h1>
      <p>
        <code>{path}</code> はこのアプリのページではありません。 / <code>{path}</code> is not a page of this app.
      </p>
      <p>
        <a href="/">アンケート一覧へ / To the list of surveys</a>
      </p>
    </main>
  );
}
