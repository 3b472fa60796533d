// A live game's host screen and player phone, drawn from the server's state.
// The server sends the whole view on connect and on every change; this file only draws
// it, counts the time down from the server's figure, and sends the host's keys and the
// player's answers. It reconnects by itself and resends an answer the server has not
// confirmed, so a restart or a network blip loses nothing.
(function () {
  "use strict";

  const root = document.getElementById("live");
  if (!root) return;
  const role = root.dataset.role;
  const ANNOUNCE_AT = [10, 5]; // seconds left read out to screen readers, not every second

  let socket = null;
  let retry = 0;
  let view = null;
  let deadline = null; // performance.now() at which the open question closes
  let ticker = null;
  let announced = new Set();
  let synced = false;

  const all = (name) => root.querySelectorAll(`[data-bind="${name}"]`);
  function set(name, text) {
    all(name).forEach((el) => { el.textContent = text; });
  }
  function show(name, visible) {
    all(name).forEach((el) => { el.hidden = !visible; });
  }
  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }
  function fill(name, nodes) {
    all(name).forEach((container) => {
      container.replaceChildren(...nodes.map((n) => n.cloneNode(true)));
    });
  }

  // --- Connection -------------------------------------------------------------------
  function connect() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    // The page's own host, or the same host on the port the live server listens on.
    const host = root.dataset.wsPort ? `${location.hostname}:${root.dataset.wsPort}` : location.host;
    socket = new WebSocket(`${scheme}://${host}${root.dataset.ws}`);
    set("connection", retry ? "Reconnecting…" : "Connecting…");
    socket.addEventListener("open", () => {
      retry = 0;
      set("connection", "Connected");
    });
    socket.addEventListener("message", (event) => receive(JSON.parse(event.data)));
    socket.addEventListener("close", (event) => {
      if (event.code === 4403) {
        set("connection", "This game is not yours to open. Reload the page to join again.");
        return;
      }
      if (event.code === 4410) {
        set("connection", "Removed from the game");
        return;
      }
      set("connection", "Connection lost: reconnecting…");
      retry += 1;
      setTimeout(connect, Math.min(5000, 250 * 2 ** retry));
    });
  }

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(message));
      return true;
    }
    return false;
  }

  function receive(message) {
    if (message.type === "state") {
      set("error", "");
      render(message);
    } else if (message.type === "count") {
      if (view && view.question && message.index === view.question.index) {
        set("answered", message.answered);
        set("answer_players", message.players);
      }
    } else if (message.type === "error") {
      set("error", message.message);
    }
  }

  // --- Clock --------------------------------------------------------------------------
  function startClock(state) {
    clearInterval(ticker);
    const running = state.state === "question";
    deadline = performance.now() + state.remaining_ms;
    const key = state.question ? state.question.index : -1;
    if (!view || !view.question || view.question.index !== key || view.state !== state.state) {
      announced = new Set();
      synced = false;
      set("clock_announce", "");
    }
    tick(running);
    if (running) ticker = setInterval(() => tick(true), 250);
  }

  function tick(running) {
    const left = Math.max(0, Math.ceil((deadline - performance.now()) / 1000));
    set("seconds_left", String(left));
    set("seconds_spoken", " seconds left");
    if (!running) return;
    for (const mark of ANNOUNCE_AT) {
      if (left <= mark && left > 0 && !announced.has(mark)) {
        announced.add(mark);
        set("clock_announce", `${mark} seconds left`);
      }
    }
    if (left === 0) {
      clearInterval(ticker);
      set("clock_announce", "Time is up");
      // The server keeps the clock; ask it to look now rather than wait for the host.
      if (!synced) {
        synced = true;
        setTimeout(() => send({ action: "sync" }), 300);
      }
    }
  }

  // --- Drawing ------------------------------------------------------------------------
  function section(state) {
    if (state === "paused") return "question";
    return state;
  }

  function render(state) {
    const previous = view;
    startClock(state);
    view = state;
    const visible = section(state.state);
    root.querySelectorAll("[data-show]").forEach((s) => { s.hidden = s.dataset.show !== visible; });
    show("paused", state.state === "paused");
    show("ended_note", state.state === "ended" && Boolean(state.ended_idle));
    if (state.question) {
      set("progress", `Question ${state.question.number} of ${state.question.total}`);
      // Re-setting the same prompt would make screen readers read it again.
      const same = previous && previous.question && previous.question.index === state.question.index
        && section(previous.state) === visible;
      if (!same) set("prompt", state.question.prompt);
    }
    if (role === "host") renderHost(state);
    else renderPlayer(state, previous);
  }

  function renderHost(state) {
    set("player_count", state.player_count);
    const ended = state.state === "ended";
    fill("players", state.players.map((p) => {
      // Who each player is, in words: a student of the class, signed in, or a guest.
      const li = el("li", null, `player player-${p.kind}`);
      li.append(el("span", p.nickname), el("span", p.kind_label, `badge badge-${p.kind}`));
      if (!ended) {
        const remove = el("button", "Remove", "remove-player");
        remove.type = "button";
        remove.dataset.remove = p.id;
        remove.dataset.name = p.nickname;
        remove.setAttribute("aria-label", `Remove ${p.nickname}`);
        li.append(remove);
      }
      return li;
    }));
    show("players_panel", !["lobby", "ended"].includes(state.state));
    if (state.question) {
      show("typed", state.question.typed);
      fill("options", state.question.options.map((o) => {
        const li = el("li", null, "live-option");
        li.append(el("span", o.label, "option-label"), el("span", o.text));
        return li;
      }));
      set("answered", state.answered);
      set("answer_players", state.player_count);
    }
    if (state.reveal) {
      const r = state.reveal;
      set("right_answer", r.right_answer);
      set("share_right", r.share_right);
      set("right", r.right);
      set("wrong", r.wrong);
      const bars = r.options.length ? r.options : [
        { label: "✓", text: "Right", count: r.right, is_correct: true },
        { label: "✗", text: "Wrong", count: r.wrong, is_correct: false },
      ];
      const most = Math.max(1, ...bars.map((o) => o.count));
      fill("bars", bars.map((o) => {
        const li = el("li", null, o.is_correct ? "bar right" : "bar");
        const name = el("span", `${o.label} ${o.text}${o.is_correct ? " ✓ right answer" : ""}`, "bar-name");
        const meter = document.createElement("meter");
        meter.min = 0; meter.max = most; meter.value = o.count;
        meter.setAttribute("aria-label", `${o.text}: ${o.count}`);
        li.append(name, meter, el("span", String(o.count), "bar-count"));
        return li;
      }));
      fill("top", r.top.map((p) => el("li", `${p.nickname} · ${p.score} points`)));
    }
    if (state.podium) {
      fill("podium", state.podium.map((p) => el("li", `${p.nickname} · ${p.score} points`)));
    }
    if (state.report_url) {
      show("report", true);
      all("report_link").forEach((a) => { a.href = state.report_url; });
    }
    const next = {
      lobby: "Start", question: "Close question", paused: "Close question",
      reveal: state.has_next ? "Next question" : "Finish", ended: "Ended",
    }[state.state];
    set("next_label", next);
    set("pause_label", state.state === "paused" ? "Resume" : "Pause");
    root.querySelector('[data-action="next"]').disabled = state.state === "ended";
    root.querySelector('[data-action="pause"]').disabled = !["question", "paused"].includes(state.state);
    root.querySelector('[data-action="end"]').disabled = state.state === "ended";
  }

  // --- Player -------------------------------------------------------------------------
  const pendingKey = () => `live-pending:${root.dataset.ws}`;

  function answer(message) {
    sessionStorage.setItem(pendingKey(), JSON.stringify(message));
    send(message);
    set("given", "Sending…");
  }

  function renderPlayer(state, previous) {
    set("score", state.score);
    const q = state.question;
    const mine = state.my_answer;
    if (q && state.state !== "reveal") {
      const open = state.state === "question" && !mine;
      if (!q.typed) {
        const buttons = q.options.map((o) => {
          const b = el("button", null, "answer-button");
          b.type = "button";
          b.dataset.choice = o.id;
          b.append(el("span", o.label, "option-label"), el("span", o.text));
          const chosen = mine && mine.choice === o.id;
          b.setAttribute("aria-pressed", chosen ? "true" : "false");
          if (chosen) b.append(el("span", " · your answer", "chosen-note"));
          b.disabled = !open;
          return b;
        });
        all("buttons").forEach((box) => {
          box.replaceChildren(...buttons);
          box.querySelectorAll("button").forEach((b) => {
            b.addEventListener("click", () => answer({ action: "answer", index: q.index, choice: Number(b.dataset.choice) }));
          });
        });
      } else {
        all("buttons").forEach((box) => box.replaceChildren());
      }
      show("typed_form", q.typed && open);
      const newQuestion = !previous || !previous.question || previous.question.index !== q.index;
      if (q.typed && open && newQuestion) {
        const input = root.querySelector("#typed-answer");
        input.value = "";
        input.focus();
      }
      set("given", mine ? `Your answer: ${mine.text || answerText(q, mine.choice)}. Wait for the results.` : "");
      // An answer sent before a reconnect and not yet stored goes again: the server keeps the first.
      const pending = JSON.parse(sessionStorage.getItem(pendingKey()) || "null");
      if (pending && pending.index === q.index && !mine && state.state === "question") send(pending);
      if (mine || (pending && pending.index !== q.index)) sessionStorage.removeItem(pendingKey());
    }
    if (state.state === "reveal" && state.result) {
      const r = state.result;
      set("verdict", !r.answered ? "No answer" : r.is_correct ? "✓ Right!" : "✗ Wrong");
      all("verdict").forEach((h) => { h.className = `verdict ${r.is_correct ? "correct" : "incorrect"}`; });
      set("right_answer", r.right_answer);
      set("given_after", mine ? `You answered: ${mine.text || answerText(q, mine.choice)}` : "You did not answer in time.");
      set("points", `+${r.points}`);
      set("rank", state.rank);
      set("player_count", state.player_count);
      if (!previous || previous.state !== "reveal") root.querySelector('[data-bind="verdict"]').focus();
    }
    if (state.state === "removed" && (!previous || previous.state !== "removed")) {
      root.querySelector('[data-show="removed"] h1').focus();
    }
    if (state.state === "ended") {
      set("rank", state.rank);
      set("player_count", state.player_count);
      fill("podium", (state.podium || []).map((p) => el("li", `${p.nickname} · ${p.score} points`)));
    }
  }

  function answerText(q, choiceId) {
    const option = q && q.options.find((o) => o.id === choiceId);
    return option ? `${option.label} ${option.text}` : "";
  }

  if (role === "player") {
    root.querySelector('[data-bind="typed_form"]').addEventListener("submit", (event) => {
      event.preventDefault();
      const text = root.querySelector("#typed-answer").value.trim();
      if (!text || !view || !view.question) {
        set("error", "Type an answer in the box, then send it.");
        return;
      }
      answer({ action: "answer", index: view.question.index, text });
    });
  }

  // --- Host controls ------------------------------------------------------------------
  if (role === "host") {
    // The lists are redrawn on every change, so one listener serves every Remove button.
    root.addEventListener("click", (event) => {
      const button = event.target.closest("[data-remove]");
      if (!button) return;
      if (!window.confirm(`Remove ${button.dataset.name} from the game? Their answers stop counting.`)) return;
      send({ action: "remove", player: Number(button.dataset.remove) });
    });
    root.querySelectorAll("[data-action]").forEach((button) => {
      button.addEventListener("click", () => send({ action: button.dataset.action }));
    });
    document.addEventListener("keydown", (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (/^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName)) return;
      // A focused button or link answers Space and Enter itself.
      const onControl = /^(BUTTON|A)$/.test(event.target.tagName);
      let action = null;
      if ((event.key === " " || event.key === "Enter") && !onControl) action = "next";
      else if (event.key === "p" || event.key === "P") action = "pause";
      else if (event.key === "e" || event.key === "E") action = "end";
      if (!action) return;
      const button = root.querySelector(`[data-action="${action}"]`);
      if (button.disabled) return;
      event.preventDefault();
      send({ action });
    });
  }

  connect();
})();
