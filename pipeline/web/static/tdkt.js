// tdkt: drop files onto the evidence form, build with a progress bar, sort a table by a column. No libraries.
(function () {
  const drop = document.querySelector("form.tha");
  if (drop) {
    const input = drop.querySelector("input[type=file]");
    ["dragenter", "dragover"].forEach((e) => drop.addEventListener(e, (ev) => { ev.preventDefault(); drop.classList.add("keo"); }));
    ["dragleave", "drop"].forEach((e) => drop.addEventListener(e, () => drop.classList.remove("keo")));
    drop.addEventListener("drop", (ev) => {
      ev.preventDefault();
      input.files = ev.dataTransfer.files;
      drop.submit();
    });
    input.addEventListener("change", () => { if (input.files.length) drop.submit(); });
  }

  const build = document.getElementById("dung");
  if (build) {
    build.addEventListener("click", async () => {
      const bar = document.getElementById("tien-do"), said = document.getElementById("ket-qua");
      build.disabled = true; bar.hidden = false; bar.removeAttribute("value"); said.textContent = "Đang dựng…";
      const started = await fetch(`/dot/${encodeURIComponent(build.dataset.dot)}/dung`, { method: "POST" });
      const { viec } = await started.json();
      for (;;) {
        await new Promise((r) => setTimeout(r, 400));
        const job = await (await fetch(`/viec/${viec}`)).json();
        if (job.tong) { bar.max = job.tong; bar.value = job.xong; }
        if (job.het) {
          if (job.loi.length) { said.textContent = "Lỗi: " + job.loi.join("; "); build.disabled = false; bar.hidden = true; }
          else { said.textContent = "Xong."; location.reload(); }
          return;
        }
      }
    });
  }

  const day = document.querySelector("#ngay-phat-hanh input");
  document.querySelectorAll("a.phat-hanh").forEach((a) => a.addEventListener("click", () => {
    if (day && day.value) a.href = a.href.split("?")[0] + "?ngay=" + day.value;
  }));

  document.querySelectorAll("table.xep").forEach((table) => {
    table.querySelectorAll("th").forEach((th, column) => th.addEventListener("click", () => {
      const body = table.tBodies[0], rows = Array.from(body.rows);
      const up = th.dataset.up !== "1"; th.dataset.up = up ? "1" : "0";
      const key = (r) => r.cells[column].textContent.trim();
      rows.sort((a, b) => {
        const x = key(a), y = key(b), nx = parseFloat(x), ny = parseFloat(y);
        const order = !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y, "vi");
        return up ? order : -order;
      });
      rows.forEach((r) => body.appendChild(r));
    }));
  });
})();

// Settings forms: add a suggested line to a text area; the body text's live preview (how each line is read).
(function () {
  document.querySelectorAll("button.them-dong").forEach((b) => b.addEventListener("click", () => {
    const area = document.querySelector(`textarea[name=${b.dataset.dich}]`);
    area.value = (area.value.trim() ? area.value.trim() + "\n" : "") + b.dataset.dong;
  }));
  const body = document.getElementById("than"), shown = document.getElementById("xem-than");
  if (!body || !shown) return;
  const names = { muc: "mục", tieu_muc: "tiểu mục", khoan: "khoản", diem: "điểm", gach: "gạch đầu dòng", doan: "đoạn" };
  let timer;
  const update = async () => {
    const form = new FormData(); form.append("than", body.value);
    const paragraphs = await (await fetch("/xem-noi-dung", { method: "POST", body: form })).json();
    shown.replaceChildren(...paragraphs.map((p) => {
      const line = document.createElement("p"); line.className = p.loai;
      const kind = document.createElement("span"); kind.className = "loai"; kind.textContent = names[p.loai] || p.loai;
      line.append(kind, " ", p.van_ban); return line;
    }));
  };
  body.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(update, 300); });
  update();
})();

// A settings form checked as it is typed, by the same loaders the command line uses (nothing is written).
(function () {
  document.querySelectorAll("form[data-kiem]").forEach((form) => {
    const box = form.querySelector(".kiem-ngay");
    let timer;
    const check = async () => {
      const problems = await (await fetch(form.dataset.kiem, { method: "POST", body: new FormData(form) })).json();
      box.hidden = problems.length === 0;
      box.replaceChildren(...problems.map((text) => { const p = document.createElement("p"); p.textContent = text; return p; }));
    };
    form.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(check, 500); });
    form.addEventListener("change", () => { clearTimeout(timer); timer = setTimeout(check, 200); });
  });
})();
