import { BoldOutlined, CodeOutlined, ItalicOutlined, LinkOutlined, OrderedListOutlined, UnorderedListOutlined } from '@ant-design/icons';
import Placeholder from '@tiptap/extension-placeholder';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { Button, Flex, Tooltip } from 'antd';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export type RichTextProps = {
  /** HTML; the server sanitizes what is sent, the editor only produces what its extensions know. */
  value: string;
  onChange: (html: string) => void;
  ariaLabel: string;
  placeholder?: string;
  background?: string;
  /** Ctrl/⌘+Enter. */
  onSubmit?: () => void;
};

/** The composer's rich text (TipTap): bold, italic, lists, links, code; pasted HTML is reduced to those. */
export default function RichTextEditor({ value, onChange, ariaLabel, placeholder, background, onSubmit }: RichTextProps) {
  const { t } = useTranslation();
  // The editor is made once; these keep its handlers calling the latest props.
  const latest = useRef({ onChange, onSubmit });
  latest.current = { onChange, onSubmit };
  const editor = useEditor({
    extensions: [StarterKit.configure({ heading: false, link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'] } }), Placeholder.configure({ placeholder: placeholder ?? '' })],
    content: value,
    editorProps: {
      attributes: { role: 'textbox', 'aria-multiline': 'true', 'aria-label': ariaLabel, class: 'kefu-editor kefu-rich-text' },
      handleKeyDown: (_view, event) => {
        const submit = latest.current.onSubmit;
        if (submit && event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          submit();
          return true;
        }
        return false;
      },
    },
    onUpdate: ({ editor: e }) => latest.current.onChange(e.isEmpty ? '' : e.getHTML()),
  });
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({ bold: e?.isActive('bold') ?? false, italic: e?.isActive('italic') ?? false, bullet: e?.isActive('bulletList') ?? false, ordered: e?.isActive('orderedList') ?? false, code: e?.isActive('codeBlock') ?? false, link: e?.isActive('link') ?? false }),
  });

  // Outside changes (a macro, a reset after sending) replace the content; typing does not loop back.
  useEffect(() => {
    if (editor && value !== (editor.isEmpty ? '' : editor.getHTML())) {
      editor.commands.setContent(value, { emitUpdate: false });
    }
  }, [editor, value]);
  useEffect(() => {
    editor?.view.dom.setAttribute('aria-label', ariaLabel);
  }, [editor, ariaLabel]);

  const tool = (key: keyof NonNullable<typeof active>, icon: ReactNode, run: () => void) => (
    <Tooltip title={t(`editor.${key}`)}>
      <Button size="small" type={active?.[key] ? 'primary' : 'text'} icon={icon} aria-label={t(`editor.${key}`)} aria-pressed={active?.[key] ?? false} onClick={run} />
    </Tooltip>
  );
  const link = () => {
    if (!editor) {
      return;
    }
    if (editor.isActive('link')) {
      editor.chain().focus().unsetLink().run();
      return;
    }
    const href = window.prompt(t('editor.linkPrompt'), 'https://');
    if (href && /^(https?:|mailto:)/i.test(href)) {
      editor.chain().focus().extendMarkRange('link').setLink({ href }).run();
    }
  };

  return (
    <div style={{ border: '1px solid #d9d9d9', borderRadius: 8, background: background ?? '#fff' }}>
      <Flex gap={2} style={{ padding: 4, borderBottom: '1px solid #f0f0f0' }}>
        {tool('bold', <BoldOutlined />, () => editor?.chain().focus().toggleBold().run())}
        {tool('italic', <ItalicOutlined />, () => editor?.chain().focus().toggleItalic().run())}
        {tool('bullet', <UnorderedListOutlined />, () => editor?.chain().focus().toggleBulletList().run())}
        {tool('ordered', <OrderedListOutlined />, () => editor?.chain().focus().toggleOrderedList().run())}
        {tool('code', <CodeOutlined />, () => editor?.chain().focus().toggleCodeBlock().run())}
        {tool('link', <LinkOutlined />, link)}
      </Flex>
      <EditorContent editor={editor} />
    </div>
  );
}
