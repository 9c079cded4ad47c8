import { describe, expect, it } from 'vitest';
import { renderPlaceholders, templateProblem } from '../rules/placeholders.js';
import { fileTagProblem, staffLiquid } from './liquid.js';

describe('Liquid for staff-written templates', () => {
  it('cannot read files from the server through include, render or layout', async () => {
    const engine = staffLiquid({});
    for (const tag of ["{% include 'package.json' %}", "{% render 'package.json' %}", "{% layout 'package.json' %}x"]) {
      await expect(engine.parseAndRender(tag)).rejects.toThrow();
      expect(fileTagProblem(tag)).toMatch(/may not use/);
    }
    // A macro text that tries is refused on save, and renders without the file if stored before.
    expect(templateProblem("{% include 'package.json' %}")).toMatch(/may not use \{% include %\}/);
    expect(renderPlaceholders("hi {% include 'package.json' %}", {})).not.toContain('"name"');
    expect(fileTagProblem('{{ ticket.id }} {% if x %}included{% endif %}')).toBeNull();
  });
});
