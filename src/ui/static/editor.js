// A simple rich-text editor for the body of a publication (progressive enhancement).
// Without JavaScript the <textarea> takes HTML or plain text (paragraphs by blank lines); with it,
// an editable area and a toolbar write the same HTML into the textarea. Either way the server keeps
// only the allow-listed tags (publications.schemas.ts sanitizeBody). No inline script or style.
(() => {
  const BUTTONS = [
    ['p', '正文段落', () => document.execCommand('formatBlock', false, 'p')],
    ['h2', '二级标题', () => document.execCommand('formatBlock', false, 'h2')],
    ['h3', '三级标题', () => document.execCommand('formatBlock', false, 'h3')],
    ['bold', '加粗', () => document.execCommand('bold')],
    ['italic', '倾斜', () => document.execCommand('italic')],
    ['ul', '项目列表', () => document.execCommand('insertUnorderedList')],
    ['ol', '编号列表', () => document.execCommand('insertOrderedList')],
    ['quote', '引用', () => document.execCommand('formatBlock', false, 'blockquote')],
    [
      'link',
      '链接',
      () => {
        const url = window.prompt('链接地址（以 http:// 或 https:// 开头）', 'https://');
        if (url && /^(https?:\/\/|mailto:)/i.test(url)) document.execCommand('createLink', false, url);
      },
    ],
    ['unlink', '取消链接', () => document.execCommand('unlink')],
    ['undo', '撤销', () => document.execCommand('undo')],
    ['redo', '重做', () => document.execCommand('redo')],
  ];

  function enhance(textarea) {
    const field = textarea.closest('.field') || textarea.parentElement;
    const label = field.querySelector(`label[for="${textarea.id}"]`);
    const toolbar = document.createElement('div');
    toolbar.className = 'editor-toolbar';
    toolbar.setAttribute('role', 'toolbar');
    toolbar.setAttribute('aria-label', '正文格式');
    const area = document.createElement('div');
    area.className = 'editor-area';
    area.contentEditable = 'true';
    area.setAttribute('role', 'textbox');
    area.setAttribute('aria-multiline', 'true');
    if (label) {
      if (!label.id) label.id = `${textarea.id}-label`;
      area.setAttribute('aria-labelledby', label.id);
    }
    const described = textarea.getAttribute('aria-describedby');
    if (described) area.setAttribute('aria-describedby', described);
    area.innerHTML = textarea.value;
    const sync = () => {
      textarea.value = area.innerHTML;
    };
    for (const [key, title, run] of BUTTONS) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'editor-button';
      b.dataset.command = key;
      b.textContent = title;
      b.addEventListener('mousedown', (e) => e.preventDefault()); // keep the selection in the area
      b.addEventListener('click', () => {
        area.focus();
        run();
        sync();
      });
      toolbar.appendChild(b);
    }
    // source view: the textarea itself, for those who write HTML
    const source = document.createElement('button');
    source.type = 'button';
    source.className = 'editor-button';
    source.textContent = 'HTML 源码';
    source.setAttribute('aria-pressed', 'false');
    source.addEventListener('click', () => {
      const showing = textarea.hidden === false;
      if (showing) area.innerHTML = textarea.value;
      else sync();
      textarea.hidden = showing;
      area.hidden = !showing;
      source.setAttribute('aria-pressed', String(!showing));
    });
    toolbar.appendChild(source);
    area.addEventListener('input', sync);
    // pasted text keeps its words, not another program's formatting
    area.addEventListener('paste', (e) => {
      const text = e.clipboardData?.getData('text/plain');
      if (text === undefined || text === null) return;
      e.preventDefault();
      document.execCommand('insertText', false, text);
    });
    textarea.hidden = true;
    textarea.parentElement.insertBefore(toolbar, textarea);
    textarea.parentElement.insertBefore(area, textarea);
    if (textarea.form) textarea.form.addEventListener('submit', () => (textarea.hidden ? sync() : undefined));
  }

  const start = () => {
    for (const t of document.querySelectorAll('textarea[data-editor="rich"]')) enhance(t);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
