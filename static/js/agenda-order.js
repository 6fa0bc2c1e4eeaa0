// Reordering the agenda without a page reload: the Omhoog/Omlaag buttons (keyboard)
// and drag and drop by the handle (pointer). Without this script the buttons are
// plain forms that move an item one place and reload the page.
//
// Every change posts the whole order to the list's data-reorder-url; the server
// refuses an order that is not exactly this agenda's items, and then the list is
// put back as it was. Announcements go to the #agenda-live region (aria-live).
(() => {
  "use strict";

  const list = document.querySelector("[data-agenda-order]");
  if (!list) {
    return;
  }
  const live = document.getElementById("agenda-live");
  const url = list.dataset.reorderUrl;
  const tokenField = list.querySelector("input[name=csrfmiddlewaretoken]");
  const csrf = tokenField ? tokenField.value : "";
  const text = {
    position: list.dataset.textPosition || "{title}: {position} / {count}",
    top: list.dataset.textTop || "{title}",
    bottom: list.dataset.textBottom || "{title}",
    error: list.dataset.textError || "Error",
  };

  const items = () => Array.from(list.querySelectorAll(":scope > li[data-item-id]"));
  const order = () => items().map((li) => li.dataset.itemId);

  function say(template, li) {
    const all = items();
    return template
      .replace("{title}", li ? li.dataset.title : "")
      .replace("{position}", String(all.indexOf(li) + 1))
      .replace("{count}", String(all.length));
  }

  function announce(message) {
    if (!live) {
      return;
    }
    // Empty first, so that the same sentence twice is read twice.
    live.textContent = "";
    window.setTimeout(() => {
      live.textContent = message;
    }, 60);
  }

  // Numbers, and which buttons are at an end, follow the order on screen.
  function refresh() {
    const all = items();
    all.forEach((li, index) => {
      const number = li.querySelector(".agenda-number");
      if (number) {
        number.textContent = `${index + 1}.`;
      }
      const position = li.querySelector(".agenda-position");
      if (position) {
        position.textContent = position.textContent.replace(/\d+/, String(index + 1));
      }
      const up = li.querySelector("[data-move=up]");
      const down = li.querySelector("[data-move=down]");
      if (up) {
        up.setAttribute("aria-disabled", String(index === 0));
      }
      if (down) {
        down.setAttribute("aria-disabled", String(index === all.length - 1));
      }
    });
  }

  function restore(ids) {
    const byId = new Map(items().map((li) => [li.dataset.itemId, li]));
    ids.forEach((id) => list.appendChild(byId.get(id)));
    refresh();
  }

  // One request at a time, in the order of the moves: two quick moves must not
  // reach the server in reverse order and leave the older order standing.
  let pending = Promise.resolve(true);
  // Only the last of several quick moves is announced, once its order is saved.
  let moves = 0;
  function isLatest(move) {
    return move === moves;
  }
  function save(before) {
    const ids = order();
    const result = pending.then(() => send(ids, before));
    pending = result.catch(() => false);
    return result;
  }

  async function send(ids, before) {
    const body = new URLSearchParams();
    ids.forEach((id) => body.append("order", id));
    let answer = { ok: false, message: text.error };
    try {
      const response = await fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrf, Accept: "application/json" },
        body,
      });
      answer = await response.json();
      answer.ok = answer.ok && response.ok;
    } catch (error) {
      answer = { ok: false, message: text.error };
    }
    if (!answer.ok) {
      restore(before);
      announce(answer.message || text.error);
    }
    return answer.ok;
  }

  // Keyboard: the buttons move the item without a reload and keep the focus on it.
  list.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-move]");
    if (!button || !list.contains(button)) {
      return;
    }
    event.preventDefault();
    const li = button.closest("li[data-item-id]");
    const direction = button.dataset.move;
    if (button.getAttribute("aria-disabled") === "true") {
      announce(say(direction === "up" ? text.top : text.bottom, li));
      return;
    }
    const before = order();
    if (direction === "up" && li.previousElementSibling) {
      list.insertBefore(li, li.previousElementSibling);
    } else if (direction === "down" && li.nextElementSibling) {
      list.insertBefore(li.nextElementSibling, li);
    }
    refresh();
    button.focus();
    const move = ++moves;
    if (await save(before)) {
      if (isLatest(move)) {
        announce(say(text.position, li));
      }
    } else {
      button.focus();
    }
  });

  // Pointer: drag an item by its handle and drop it between two others.
  let dragged = null;
  let before = null;

  items().forEach((li) => {
    const handle = document.createElement("span");
    handle.className = "drag-handle";
    handle.setAttribute("aria-hidden", "true");
    handle.title = list.dataset.textHandle || "";
    handle.textContent = "⠿";
    li.querySelector(".agenda-number")?.before(handle);
    // Only the handle starts a drag, so text, links and fields inside stay usable.
    handle.addEventListener("pointerdown", () => {
      li.draggable = true;
    });
    handle.addEventListener("pointerup", () => {
      li.draggable = false;
    });
  });

  list.addEventListener("dragstart", (event) => {
    dragged = event.target.closest("li[data-item-id]");
    if (!dragged) {
      return;
    }
    before = order();
    dragged.classList.add("is-dragged");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.dataset.itemId);
  });

  list.addEventListener("dragover", (event) => {
    if (!dragged) {
      return;
    }
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    const target = event.target.closest("li[data-item-id]");
    if (!target || target === dragged) {
      return;
    }
    const box = target.getBoundingClientRect();
    const below = event.clientY > box.top + box.height / 2;
    list.insertBefore(dragged, below ? target.nextElementSibling : target);
  });

  list.addEventListener("drop", (event) => {
    if (dragged) {
      event.preventDefault();
    }
  });

  list.addEventListener("dragend", async () => {
    if (!dragged) {
      return;
    }
    const li = dragged;
    li.classList.remove("is-dragged");
    li.draggable = false;
    dragged = null;
    refresh();
    if (order().join() === before.join()) {
      return;
    }
    const move = ++moves;
    if ((await save(before)) && isLatest(move)) {
      announce(say(text.position, li));
    }
  });
})();
