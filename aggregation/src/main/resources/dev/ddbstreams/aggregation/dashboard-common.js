  // Shared by the dashboard's pages (DashboardPage inlines it in each). Everything shown comes from
  // votes, which are user data: it is only ever set with textContent, never parsed as HTML.
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  function replace(parent, children) {
    while (parent.firstChild) { parent.removeChild(parent.firstChild); }
    children.forEach(function (c) { parent.appendChild(c); });
  }

  // The parsed JSON; a failed answer rejects with an Error that carries its HTTP status.
  function getJson(path) {
    return fetch(path, { cache: "no-store" }).then(function (response) {
      if (!response.ok) {
        var error = new Error("HTTP " + response.status);
        error.status = response.status;
        throw error;
      }
      return response.json();
    });
  }

  function showUpdated(generatedAt, every) {
    var status = document.getElementById("status");
    status.className = "";
    status.textContent = "Updated " + generatedAt + " (" + (every || "every second") + ")";
  }

  function showError(message) {
    var status = document.getElementById("status");
    status.className = "stale";
    status.textContent = "Not updating: " + message + " (retrying)";
  }

  // Runs step (it returns a promise) now, then ms after each run ends, so a slow answer never piles
  // requests up; ms may be a function, asked after each run. A hidden tab does not poll: on AWS
  // every poll is a billed invocation.
  function pollEvery(ms, step) {
    function poll() {
      if (document.hidden) {
        document.addEventListener("visibilitychange", poll, { once: true });
        return;
      }
      step()
        .catch(function (e) { showError(e.message); })
        .then(function () { setTimeout(poll, typeof ms === "function" ? ms() : ms); });
    }
    poll();
  }
