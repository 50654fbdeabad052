import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toTraditional } from './hant.js';

describe('简→繁 conversion of pages', () => {
  // characters, not regional phrasing: mainland traditional pages keep 信息 (not 資訊)
  it('converts text and leaves translate="no" elements as written', () => {
    const out = toTraditional('<p>政府信息公开</p><a lang="zh-CN" translate="no" href="/x">简体</a><span>长者模式</span>');
    assert.equal(out, '<p>政府信息公開</p><a lang="zh-CN" translate="no" href="/x">简体</a><span>長者模式</span>');
  });

  it('leaves form values and textarea contents as stored, so saving a form keeps the data', () => {
    const out = toTraditional(
      '<label>机关名称</label><input name="name" value="广西壮族自治区住房和城乡建设厅"><textarea name="t">简体内容</textarea>',
    );
    assert.equal(
      out,
      '<label>機關名稱</label><input name="name" value="广西壮族自治区住房和城乡建设厅"><textarea name="t">简体内容</textarea>',
    );
  });
});
