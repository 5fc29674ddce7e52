/** A failure shown in the page (a broken template, config or file); the server keeps running. */
export function ErrorBox({ title, message }: { title: string; message: string }) {
  return (
    <section className="error-box" role="alert">
      <h2>{title}</h2>
      <pre>{message}</pre>
      <p>Fix the file and save: this page reloads by itself.</p>
    </section>
  );
}
