/** A modal question with buttons; resolves with the index of the button chosen (Escape: the last). */
export function askUser(title: string, text: string, buttons: string[]): Promise<number> {
  return new Promise((resolve) => {
    const backdrop = document.createElement('div');
    backdrop.className = 'dialog-backdrop';
    const dialog = document.createElement('div');
    dialog.className = 'dialog';
    dialog.setAttribute('role', 'dialog');
    const heading = document.createElement('h2');
    heading.textContent = title;
    const body = document.createElement('div');
    body.textContent = text;
    const row = document.createElement('div');
    row.className = 'buttons';
    const finish = (i: number) => {
      document.removeEventListener('keydown', onKey, true);
      backdrop.remove();
      resolve(i);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        finish(buttons.length - 1);
      }
    };
    buttons.forEach((label, i) => {
      const button = document.createElement('button');
      button.textContent = label;
      if (i > 0) button.className = 'secondary';
      button.addEventListener('click', () => finish(i));
      row.appendChild(button);
    });
    dialog.append(heading, body, row);
    backdrop.appendChild(dialog);
    document.body.appendChild(backdrop);
    document.addEventListener('keydown', onKey, true);
    row.querySelector('button')?.focus();
  });
}
