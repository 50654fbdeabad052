// A letter as accessible, printable HTML. Every text goes through preact, which escapes it.
import { renderToString } from 'preact-render-to-string';
import type { Letter } from './letters.templates.js';

/** Stylesheet of the letter (screen and print), served under /static/. */
export const LETTER_STYLES = ['/static/letters.css'];

/** The letter itself, to place inside any page (staff case page, the applicant's tracking page). */
export function LetterSheet({ letter, id = 'letter' }: { letter: Letter; id?: string }) {
  const titleId = `${id}-title`;
  return (
    <article class="letter" id={id} aria-labelledby={titleId} lang="zh-CN">
      <header class="letter-head">
        <h1 id={titleId} class="letter-title">
          {letter.title}
        </h1>
        {letter.number ? <p class="letter-number">{letter.number}</p> : null}
      </header>
      <p class="letter-addressee">{letter.addressee}</p>
      {letter.body.map((b) =>
        b.kind === 'p' ? (
          <p class={b.text === letter.remedy ? 'letter-p letter-remedy' : 'letter-p'}>{b.text}</p>
        ) : (
          <ol class="letter-list">
            {b.items.map((it) => (
              <li>{it}</li>
            ))}
          </ol>
        ),
      )}
      <p class="letter-p letter-closing">{letter.closing}</p>
      <footer class="letter-sign">
        <p class="letter-seal">{letter.signature}</p>
        <p class="letter-date">{letter.date}</p>
        {letter.contact ? <p class="letter-contact">（{letter.contact}）</p> : null}
      </footer>
    </article>
  );
}

/** A stand-alone printable page holding only the letter (for 打印 / 另存为 PDF). */
export function LetterDocument({ letter }: { letter: Letter }) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{letter.title}</title>
        {LETTER_STYLES.map((href) => (
          <link rel="stylesheet" href={href} />
        ))}
      </head>
      <body class="letter-page">
        <main>
          <LetterSheet letter={letter} />
        </main>
      </body>
    </html>
  );
}

/** The stand-alone page as a complete HTML document string. */
export function renderLetterHtml(letter: Letter): string {
  return `<!doctype html>${renderToString(<LetterDocument letter={letter} />)}`;
}
