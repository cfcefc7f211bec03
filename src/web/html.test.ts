import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeHtml, html } from './html.js';

describe('html()', () => {
  it('escapes interpolated text, including quotes for attributes', () => {
    const label = '<script>alert("x")</script> & \'y\'';
    const out = html`<p title="${label}">${label}</p>`.value;
    assert.equal(out.includes('<script>'), false);
    assert.equal(
      out,
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</p>',
    );
  });

  it('places nested markup and arrays as they are, and skips empty values', () => {
    const items = ['a<', 'b'].map((item) => html`<li>${item}</li>`);
    assert.equal(
      html`<ul>
        ${items}${null}${false}${undefined}
      </ul>`.value,
      '<ul> <li>a&lt;</li><li>b</li> </ul>',
    );
  });

  it('turns template line breaks and indentation into one space, but not interpolated text', () => {
    const text = 'two\n  lines';
    // Through an alias, so that the formatter leaves the template's own line breaks alone.
    const build = html;
    assert.equal(build`<p>\n    ${text}\n  </p>`.value, '<p> two\n  lines </p>');
  });

  it('escapeHtml() leaves plain text alone', () => {
    assert.equal(escapeHtml('Chrome on Windows'), 'Chrome on Windows');
  });
});
