import { Alert, Input } from 'antd';
import { Component, lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { RichTextProps } from './RichTextEditor';

const loadEditor = () => import('./RichTextEditor');
const RichTextEditor = lazy(loadEditor);

/** Starts fetching the editor early (the queue calls this), so the ticket page opens with it ready. */
export function preloadComposer(): void {
  void loadEditor().catch(() => undefined);
}

const toHtml = (text: string): string => (text ? `<p>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br>')}</p>` : '');
const toText = (html: string): string =>
  html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

class EditorBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/**
 * The reply box: the rich-text editor, or, while it loads or if its code cannot be fetched
 * (a deploy replaced it, the network dropped), a plain text box that still sends.
 */
export function Composer(props: RichTextProps) {
  const { t } = useTranslation();
  const plain = (
    <Input.TextArea
      aria-label={props.ariaLabel}
      value={toText(props.value)}
      onChange={(e) => props.onChange(toHtml(e.target.value))}
      autoSize={{ minRows: 4, maxRows: 14 }}
      placeholder={props.placeholder}
      style={props.background ? { background: props.background } : undefined}
    />
  );
  return (
    <EditorBoundary
      fallback={
        <>
          <Alert type="warning" showIcon message={t('editor.unavailable')} style={{ marginBottom: 8 }} />
          {plain}
        </>
      }
    >
      <Suspense fallback={plain}>
        <RichTextEditor {...props} />
      </Suspense>
    </EditorBoundary>
  );
}
