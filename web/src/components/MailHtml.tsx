import { Button, Flex, Typography } from 'antd';
import DOMPurify from 'dompurify';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

const remote = /<img\b[^>]*\bsrc\s*=\s*["']?\s*(?:https?:)?\/\//i;
const remoteStyle = /url\(\s*["']?\s*(?:https?:)?\/\//i;

/**
 * An inbound email's HTML, shown the way mail clients do: in a sandboxed frame that runs no
 * script (the frame's own CSP and no allow-scripts), styles kept inside it, and remote
 * images (trackers) blocked until the agent asks. Inline images are our own attachments
 * (same origin), so they show. The server's sanitizer ran first; DOMPurify runs again here.
 */
export function MailHtml({ html }: { html: string }) {
  const { t } = useTranslation();
  const [showRemote, setShowRemote] = useState(false);
  const [height, setHeight] = useState(80);
  const frame = useRef<HTMLIFrameElement>(null);
  const clean = useMemo(() => DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['form', 'input', 'button'] }), [html]);
  const hasRemote = remote.test(clean) || remoteStyle.test(clean);
  const images = showRemote ? "'self' data: https: http:" : "'self' data:";
  const doc = `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${images}; style-src 'unsafe-inline'; font-src data:"><base target="_blank"><style>body{margin:0;font:14px/1.6 -apple-system,'PingFang SC','Microsoft YaHei','WenQuanYi Micro Hei',sans-serif;color:#1f1f1f;word-break:break-word}img{max-width:100%;height:auto}blockquote{margin:0 0 0 8px;padding-left:8px;border-left:3px solid #e5e5e5;color:#666}</style></head><body>${clean}</body></html>`;

  const fit = () => {
    const body = frame.current?.contentDocument?.body;
    if (body) {
      setHeight(Math.min(Math.max(body.scrollHeight + 8, 40), 2000));
      // Images load after the document; fit again when they do.
      body.querySelectorAll('img').forEach((img) => img.addEventListener('load', fit, { once: true }));
    }
  };

  return (
    <div>
      {hasRemote && !showRemote ? (
        <Flex align="center" gap={8} style={{ marginBottom: 8, padding: '4px 8px', background: '#f5f5f5', borderRadius: 6 }}>
          <Typography.Text type="secondary">{t('mail.remoteBlocked')}</Typography.Text>
          <Button size="small" type="link" onClick={() => setShowRemote(true)}>
            {t('mail.showRemote')}
          </Button>
        </Flex>
      ) : null}
      <iframe
        ref={frame}
        key={showRemote ? 'remote' : 'local'}
        title={t('mail.frameTitle')}
        data-testid="mail-html"
        sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
        srcDoc={doc}
        onLoad={fit}
        style={{ width: '100%', height, border: 'none', display: 'block' }}
      />
    </div>
  );
}
