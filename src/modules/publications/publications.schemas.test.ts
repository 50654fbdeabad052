// The body as stored: plain text becomes paragraphs (what an author without the editor types),
// HTML keeps only the allow-list.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sanitizeBody, textToHtml } from './publications.schemas.js';

describe('publication body', () => {
  it('turns plain text into paragraphs, escaping what looks like markup', () => {
    assert.equal(
      sanitizeBody('各市住房城乡建设局：\n\n现将有关事项通知如下。\r\n一、总体要求\n\n\n  特此通知。 a < b & c'),
      '<p>各市住房城乡建设局：</p>\n<p>现将有关事项通知如下。<br />一、总体要求</p>\n<p>特此通知。 a &lt; b &amp; c</p>',
    );
    assert.equal(textToHtml('  \n \n'), '');
  });

  it('keeps the allow-listed HTML and drops scripts, styles and event attributes', () => {
    assert.equal(
      sanitizeBody('<h2>一、总体要求</h2><p onclick="x()">正文<script>alert(1)</script></p>'),
      '<h2>一、总体要求</h2><p>正文</p>',
    );
    assert.equal(sanitizeBody('<p style="color:red">红</p>'), '<p>红</p>');
    assert.equal(sanitizeBody('<a href="javascript:alert(1)">链接</a>'), '<a rel="noopener noreferrer">链接</a>');
  });

  it('is stable: sanitising the stored body again changes nothing', () => {
    for (const input of ['纯文本\n\n第二段', '<p>段落</p><ul><li>一</li></ul>', '<b>粗</b>体 & 文']) {
      const once = sanitizeBody(input);
      assert.equal(sanitizeBody(once), once, input);
    }
  });
});
