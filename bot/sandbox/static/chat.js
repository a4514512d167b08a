// The sandbox's web chat: shows one account's chat with the bot, live, and sends what the person does.
"use strict";

const $ = (id) => document.getElementById(id);
let account = "her";
let accounts = [];
let stream = null;
let lastIds = "";

async function call(path, body) {
  const response = await fetch(path, {
    method: body === undefined ? "GET" : "POST",
    headers: body instanceof FormData || body === undefined ? {} : { "Content-Type": "application/json" },
    body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(await response.text());
  return response.json();
}

function element(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === "text") node.textContent = value;
    else if (key === "html") node.innerHTML = value;  // the server keeps Telegram's tags only
    else if (value !== undefined && value !== null) node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function time(seconds) {
  return new Date(seconds * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

function press(messageId, data) {
  call(`/api/chats/${account}/press`, { message_id: messageId, data }).catch(console.error);
}

function renderMessage(message) {
  const side = message.from_bot ? "bot" : "her";
  const box = element("div", { class: `message ${side}`, "data-id": message.id, "data-testid": `message-${side}` });
  const bubble = element("div", { class: "bubble", dir: "auto", html: message.html });
  if (message.file) {
    const link = element("a", {
      href: `/api/chats/${account}/files/${message.id}`,
      download: message.file.name,
      text: `📄 ${message.file.name}`,
      "data-testid": "file-link",
    });
    bubble.prepend(element("div", { class: "file" }, [link, element("span", { text: `${Math.ceil(message.file.size / 1024)} KB` })]));
  } else if (message.kind !== "text" && !message.html) {
    bubble.textContent = `[${message.kind}]`;
  }
  bubble.append(element("div", { class: "meta", text: `${message.edited ? "edited " : ""}${time(message.date)}` }));
  box.append(bubble);
  if (message.buttons.length) {
    const keyboard = element("div", { class: "keyboard" });
    for (const row of message.buttons) {
      const line = element("div", { class: "row" });
      for (const button of row) {
        const tap = element("button", { type: "button", dir: "auto", text: button.text, title: button.text });
        if (button.url) tap.addEventListener("click", () => window.open(button.url, "_blank", "noopener"));
        else tap.addEventListener("click", () => press(message.id, button.data));
        line.append(tap);
      }
      keyboard.append(line);
    }
    box.append(keyboard);
  }
  return box;
}

function render(state) {
  const list = $("messages");
  const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  list.replaceChildren(...state.messages.map(renderMessage));
  if (!state.messages.length) list.append(element("div", { class: "empty", text: "No messages. Type /start to begin." }));
  const ids = state.messages.map((m) => m.id).join(",");
  if (nearBottom || ids !== lastIds) list.scrollTop = list.scrollHeight;
  lastIds = ids;
  const reply = $("reply-keyboard");
  reply.hidden = !state.reply_keyboard;
  reply.replaceChildren(...(state.reply_keyboard || []).map((row) =>
    element("div", { class: "row" }, row.map((label) => {
      const tap = element("button", { type: "button", dir: "auto", text: label });
      tap.addEventListener("click", () => send(label));
      return tap;
    }))));
  document.body.dataset.ready = "yes";  // the first state arrived: typing and buttons work from here
  const ahead = state.clock || 0;
  $("clock-now").textContent = ahead ? `(${Math.round(ahead / 3600 * 10) / 10} h ahead)` : "(now)";
}

function listen() {
  if (stream) stream.close();
  stream = new EventSource(`/api/chats/${account}/events`);
  stream.onmessage = (event) => render(JSON.parse(event.data));
}

async function send(text) {
  if (!text.trim()) return;
  await call(`/api/chats/${account}/send`, { text });
}

function chooseAccount(key) {
  account = key;
  const chosen = accounts.find((a) => a.key === key);
  $("who").textContent = `you are: ${chosen.label}`;
  $("language-row").hidden = chosen.role !== null;
  $("new-woman").hidden = chosen.role !== null;
  $("language").value = chosen.language;
  lastIds = "";
  listen();
}

async function start() {
  accounts = await call("/api/accounts");
  const languages = await call("/api/languages");
  $("account").replaceChildren(...accounts.map((a) => element("option", { value: a.key, text: a.label })));
  $("language").replaceChildren(...languages.map((l) => element("option", { value: l.code, text: `${l.name} (${l.code})` })));
  $("account").addEventListener("change", (event) => chooseAccount(event.target.value));
  $("language").addEventListener("change", async (event) => {
    await call(`/api/accounts/${account}/language`, { language: event.target.value });
    accounts = await call("/api/accounts");
  });
  $("new-woman").addEventListener("click", async () => {
    await call(`/api/accounts/${account}/new`, {});
    chooseAccount(account);
  });
  $("composer").addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = $("text").value;
    $("text").value = "";
    await send(text);
  });
  $("text").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); $("composer").requestSubmit(); }
  });
  $("file").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    if (!file) return;
    const form = new FormData();
    form.append("kind", $("file-kind").value);
    form.append("file", file, file.name);
    event.target.value = "";
    await call(`/api/chats/${account}/upload`, form);
  });
  $("record").addEventListener("click", record);
  for (const button of document.querySelectorAll(".clock button[data-minutes]")) {
    button.addEventListener("click", () => call("/api/clock", { minutes: Number(button.dataset.minutes) }));
  }
  $("clock-go").addEventListener("click", () => call("/api/clock", { minutes: Number($("clock-minutes").value) }));
  chooseAccount("her");
}

// A voice message: recorded with the microphone (press again to stop and send), or chosen as a file.
let recorder = null;
async function record() {
  if (recorder) { recorder.stop(); return; }
  if (!navigator.mediaDevices || !window.MediaRecorder) {
    $("file-kind").value = "voice";
    $("file").click();
    return;
  }
  try {
    const microphone = await navigator.mediaDevices.getUserMedia({ audio: true });
    const chunks = [];
    recorder = new MediaRecorder(microphone);
    recorder.ondataavailable = (event) => chunks.push(event.data);
    recorder.onstop = async () => {
      microphone.getTracks().forEach((track) => track.stop());
      $("record").classList.remove("recording");
      recorder = null;
      const form = new FormData();
      form.append("kind", "voice");
      form.append("file", new Blob(chunks, { type: "audio/ogg" }), "voice.ogg");
      await call(`/api/chats/${account}/upload`, form);
    };
    recorder.start();
    $("record").classList.add("recording");
  } catch (error) {
    $("file-kind").value = "voice";
    $("file").click();
  }
}

start().catch((error) => {
  document.body.prepend(element("p", { text: `The sandbox is not answering: ${error.message}` }));
});
