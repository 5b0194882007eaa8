// The chat page of ./chainwatch demo. Everything shown comes from /api/state: bot messages arrive as HTML the server
// has already made safe (io.chainwatch.demo.ChatHtml); every other string is inserted with textContent.
'use strict';

const $ = (id) => document.getElementById(id);
const bubbles = new Map(); // entry key -> { element, html, edited }
let lastState = '';
let accounts = [];

async function api(path, body) {
  const init = body === undefined ? {} : {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
  };
  const response = await fetch(path, init);
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(data.error || response.statusText);
  }
  return data;
}

function el(tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

function short(hex) {
  return hex.length > 14 ? hex.slice(0, 8) + '…' + hex.slice(-6) : hex;
}

function clock(millis) {
  return new Date(millis).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function keyboard(entry) {
  const board = el('div', 'keyboard');
  for (const row of entry.buttons) {
    const line = el('div', 'keyboard-row');
    for (const button of row) {
      if (button.url) {
        const link = el('a', '', button.text);
        link.href = button.url; // the server passes only http(s) links
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
        line.append(link);
      } else {
        const press = el('button', 'press', button.text);
        press.type = 'button';
        press.addEventListener('click', () => api('/api/callbacks', { message_id: entry.messageId, data: button.data })
          .catch((e) => showError(e.message)));
        line.append(press);
      }
    }
    board.append(line);
  }
  return board;
}

function renderEntry(entry, fresh) {
  const message = el('div', 'msg ' + (entry.fromBot ? 'bot' : 'user') + (fresh ? ' fresh' : ''));
  message.dataset.key = entry.key;
  const bubble = el('div', 'bubble');
  const text = el('div', 'text');
  text.innerHTML = entry.html; // safe HTML from the server (ChatHtml), never raw input
  bubble.append(text, el('div', 'meta', (entry.edited ? 'edited ' : '') + clock(entry.at)));
  message.append(bubble);
  if (entry.buttons.length > 0) message.append(keyboard(entry));
  return message;
}

function renderMessages(entries, firstRender) {
  const list = $('messages');
  const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  $('empty').hidden = entries.length > 0;
  let added = false;
  for (const entry of entries) {
    const known = bubbles.get(entry.key);
    const signature = entry.html + '|' + entry.edited + '|' + JSON.stringify(entry.buttons);
    if (known && known.signature === signature) continue;
    const element = renderEntry(entry, !firstRender && !known);
    if (known) {
      known.element.replaceWith(element);
    } else {
      list.append(element);
      added = true;
    }
    bubbles.set(entry.key, { element, signature });
  }
  if (added && (nearBottom || firstRender)) list.scrollTop = list.scrollHeight;
}

function renderSuggestions(state) {
  const candidate = state.accounts[1];
  const commands = [['/start', '/start'], ['/help', '/help']];
  if (candidate && !state.watched.includes(candidate)) {
    commands.push(['/watch devnet ' + candidate + ' demo wallet', '/watch devnet ' + short(candidate)]);
  }
  commands.push(['/list', '/list'], ['/status', '/status'], ['/gas devnet', '/gas devnet']);
  const box = $('suggestions');
  const wanted = commands.map(([command]) => command).join('\n');
  if (box.dataset.commands === wanted) return;
  box.dataset.commands = wanted;
  box.replaceChildren(...commands.map(([command, label]) => {
    const chip = el('button', 'chip', label);
    chip.type = 'button';
    chip.title = command;
    chip.addEventListener('click', () => { $('composer').value = command; $('composer').focus(); });
    return chip;
  }));
}

function transferButton(label, className, address, direction, eth) {
  const button = el('button', className, label);
  button.type = 'button';
  button.dataset.address = address;
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await api('/api/transfers', { address, direction, eth });
      showError('');
      refreshSoon();
    } catch (e) {
      showError(e.message);
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

function renderWatched(state) {
  const list = $('watched');
  const wanted = JSON.stringify(state.watched);
  $('watch-hint').hidden = state.watched.length > 0;
  if (list.dataset.watched === wanted) return;
  list.dataset.watched = wanted;
  list.replaceChildren(...state.watched.map((address) => {
    const item = el('li');
    const title = el('div');
    title.append(el('span', 'live'), el('span', 'address', short(address)));
    title.title = address;
    const actions = el('div', 'actions');
    actions.append(transferButton('Send 1 ETH to it', 'send-in', address, 'in', '1'));
    if (accounts.includes(address) && address !== accounts[0]) {
      actions.append(transferButton('Send 0.1 ETH from it', 'send-out', address, 'out', '0.1'));
    }
    item.append(title, actions);
    return item;
  }));
}

function renderTransfers(state) {
  const list = $('transfers');
  if (state.transfers.length === 0) return;
  list.replaceChildren(...state.transfers.slice(0, 8).map((transfer) => {
    const item = el('li');
    item.title = transfer.hash;
    const what = (transfer.direction === 'IN' ? '⬇ ' : '⬆ ') + transfer.eth + ' ETH '
      + (transfer.direction === 'IN' ? 'to ' + short(transfer.to) : 'from ' + short(transfer.from));
    item.append(el('span', '', what), el('span', 'hash', short(transfer.hash)));
    return item;
  }));
}

function render(state, firstRender) {
  accounts = state.accounts;
  $('bot-name').textContent = state.bot;
  $('block').textContent = state.block >= 0 ? '#' + state.block : 'not answering';
  $('rpc-url').textContent = state.rpcUrl;
  renderMessages(state.messages, firstRender);
  renderSuggestions(state);
  renderWatched(state);
  renderTransfers(state);
}

function showError(message) {
  $('transfer-error').textContent = message;
}

function setOnline(online) {
  const label = $('link-state');
  label.textContent = online ? 'online' : 'demo not reachable';
  label.className = online ? 'online' : 'offline';
}

let timer;
let rendered = false;
async function refresh() {
  clearTimeout(timer);
  try {
    const state = await api('/api/state');
    const raw = JSON.stringify(state);
    if (raw !== lastState) {
      lastState = raw;
      render(state, !rendered);
      rendered = true;
    }
    setOnline(true);
  } catch (e) {
    setOnline(false);
  }
  timer = setTimeout(refresh, 700);
}

function refreshSoon() {
  clearTimeout(timer);
  timer = setTimeout(refresh, 100);
}

async function send(text) {
  if (!text.trim()) return;
  try {
    await api('/api/messages', { text });
    refreshSoon();
  } catch (e) {
    showError(e.message);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('composer-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = $('composer').value;
    $('composer').value = '';
    send(text);
  });
  $('start').addEventListener('click', () => send('/start'));
  refresh();
});
