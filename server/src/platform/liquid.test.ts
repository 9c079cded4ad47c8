import { describe, expect, it } from 'vitest';
import { parseActions } from '../rules/definitions.js';
import { renderPlaceholders, templateProblem } from '../rules/placeholders.js';
import type { FieldErrors } from './errors.js';
import { fileTagProblem, staffLiquid } from './liquid.js';

describe('Liquid for staff-written templates', () => {
  it('cannot read files from the server through include, render or layout', async () => {
    const engine = staffLiquid({});
    for (const tag of ["{% include 'package.json' %}", "{% render 'package.json' %}", "{% layout 'package.json' %}x"]) {
      await expect(engine.parseAndRender(tag)).rejects.toThrow();
      expect(fileTagProblem(tag)?.key).toBe('mail.file_tag');
    }
    // A macro text that tries is refused on save, and renders without the file if stored before.
    expect(templateProblem("{% include 'package.json' %}")).toEqual({ key: 'mail.file_tag', params: { tag: 'include' } });
    expect(renderPlaceholders("hi {% include 'package.json' %}", {})).not.toContain('"name"');
    expect(fileTagProblem('{{ ticket.id }} {% if x %}included{% endif %}')).toBeNull();
  });

  it('refuses such a tag in a macro or trigger text on save, naming the action', () => {
    const errors: FieldErrors = {};
    parseActions([{ field: 'comment_value', value: "{% include 'data/secret_key' %}" }, { field: 'subject', value: '退款 {{ticket.id}}' }], 'macro', 'macro.actions', errors);
    parseActions([{ field: 'notification_user', value: ['requester_id', '主题', "{% render 'data/kefu.sqlite' %}"] }], 'trigger', 'trigger.actions', errors);
    expect(Object.keys(errors).sort()).toEqual(['macro.actions[0].value', 'trigger.actions[0].value']);
  });
});
