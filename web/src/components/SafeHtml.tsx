import DOMPurify from 'dompurify';

/** Comment HTML, already sanitized by the server, cleaned again here as a second layer. */
export function SafeHtml({ html }: { html: string }) {
  return <div className="kefu-rich-text" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(html, { USE_PROFILES: { html: true } }) }} />;
}
