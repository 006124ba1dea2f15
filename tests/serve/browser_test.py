"""browser_test.py: `vanban serve` in a real browser (Debian's chromium and
chromium-driver, driven by python3-selenium): type a query without tone
marks, click a facet, open a document, click an extracted value and see
its evidence line highlighted (CSS :target), download a CSV; screenshots of
each page are saved in $VB_SHOTS (default: ./screenshots).

Exits 77 (skipped) only when chromium or chromium-driver is missing.

usage: browser_test.py VANBAN SRC"""
import csv
import os
import shutil
import sys
import tempfile
import time

if shutil.which("chromium") is None or shutil.which("chromedriver") is None:
    print("SKIP: chromium and chromium-driver are not installed "
          "(scripts/setup --test installs them)")
    sys.exit(77)
try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
except ImportError:
    # Debian's python3-selenium belongs to the system's python3.
    if os.path.exists("/usr/bin/python3") and sys.executable != "/usr/bin/python3":
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    print("FAIL: python3-selenium is missing", file=sys.stderr)
    sys.exit(1)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serveutil import TIMEOUT, Scratch, Server, check  # noqa: E402

SHOTS = os.environ.get("VB_SHOTS") or os.path.join(os.getcwd(), "screenshots")


def browser(profile, downloads, script=True):
    o = webdriver.ChromeOptions()
    if not script:
        o.add_argument("--blink-settings=scriptEnabled=false")
    for a in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run",
              "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=vi",
              "--user-data-dir=" + profile):
        o.add_argument(a)
    d = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=o)
    d.set_page_load_timeout(TIMEOUT)
    d.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    return d


def shot(d, name):
    d.save_screenshot(os.path.join(SHOTS, name + ".png"))


def wait_for(cond, what):
    end = time.time() + TIMEOUT
    while time.time() < end:
        v = cond()
        if v:
            return v
        time.sleep(0.2)
    check(False, "timed out waiting for " + what)


def main():
    vanban, src = sys.argv[1], sys.argv[2]
    os.makedirs(SHOTS, exist_ok=True)
    scratch = Scratch(vanban, src)
    profile = tempfile.mkdtemp(prefix="vb-chromium-")
    downloads = tempfile.mkdtemp(prefix="vb-downloads-")
    d = None
    try:
        scratch.ingest("corpus")
        srv = Server(scratch)
        base = "http://127.0.0.1:%d" % srv.port
        try:
            d = browser(profile, downloads)
            # 1. Type a query without tone marks.
            d.get(base + "/")
            shot(d, "home")
            box = d.find_element(By.ID, "q")
            box.send_keys("binh dang gioi")
            box.send_keys(Keys.ENTER)
            wait_for(lambda: "/search?" in d.current_url, "the results page")
            marks = [m.text for m in d.find_elements(By.CSS_SELECTOR, ".snip mark")]
            check(any(m.lower() == "bình đẳng giới" for m in marks), "no marked words: %r" % marks)
            shot(d, "search")
            # 2. Click a facet.
            link = d.find_element(By.XPATH, "//aside[@class='facets']//a[text()='Sơn La']")
            link.click()
            wait_for(lambda: "province=" in d.current_url, "the facet's page")
            provs = {p.text for p in d.find_elements(By.CSS_SELECTOR, "li.hit .prov")}
            check(provs == {"Sơn La"}, "the facet did not filter: %r" % provs)
            chips = [c.text for c in d.find_elements(By.CSS_SELECTOR, ".chip")]
            check(any("Sơn La" in c for c in chips), "no chip for the chosen facet")
            shot(d, "search-facet")
            # 3. Open a document.
            d.find_element(By.CSS_SELECTOR, "li.hit a.t").click()
            wait_for(lambda: "/doc/" in d.current_url, "the document page")
            check(d.find_elements(By.CSS_SELECTOR, "article.text .ln"), "no text lines")
            shot(d, "document")
            # 4. Click an extracted value: its evidence line is highlighted.
            value = d.find_element(By.CSS_SELECTOR, "dl.rec a.ev")
            target = value.get_attribute("href").split("#", 1)[1]
            value.click()
            wait_for(lambda: d.current_url.endswith("#" + target), "the evidence anchor")
            tid = d.execute_script("var t = document.querySelector(':target'); return t && t.id;")
            check(tid == target, "the :target is %r, not %r" % (tid, target))
            bg = d.execute_script("return getComputedStyle(document.getElementById(arguments[0]))"
                                  ".backgroundColor;", target)
            other = d.execute_script("return getComputedStyle(document.getElementById('L1'))"
                                     ".backgroundColor;")
            check(bg != other and bg not in ("rgba(0, 0, 0, 0)", "transparent"),
                  "the evidence line is not highlighted (%s)" % bg)
            line = d.find_element(By.ID, target)
            check(line.is_displayed() and line.text.strip(), "the evidence line is empty")
            shot(d, "document-evidence")
            # 5. Download a CSV of the results.
            d.get(base + "/search?q=binh+dang+gioi")
            d.find_element(By.LINK_TEXT, "CSV").click()
            path = wait_for(lambda: [os.path.join(downloads, f) for f in os.listdir(downloads)
                                     if f.endswith(".csv")], "the CSV download")[0]
            wait_for(lambda: os.path.getsize(path) > 0, "the CSV content")
            with open(path, encoding="utf-8", newline="") as f:
                rows = list(csv.reader(f))
            check(rows[0][:3] == ["rank", "source", "title"] and len(rows) > 1,
                  "the CSV: %r" % rows[:2])
            # The other pages, for the eye.
            for name, path in (("ask", "/ask?q=which+units+report+to+the+Labour+department%3F"),
                               ("reports", "/reports?to=S%E1%BB%9F+L%C4%90TBXH"),
                               ("deadlines", "/deadlines"),
                               ("calendar", "/deadlines?view=calendar&month=2021-12"),
                               ("map", "/map?q=binh+dang+gioi"),
                               ("map-2025", "/map?q=binh+dang+gioi&era=2025"),
                               ("paragraphs", "/search?q=bao+cao+ket+qua&paragraphs=1"),
                               ("search-en", "/search?q=binh+dang+gioi&lang=en")):
                d.get(base + path)
                check(d.find_elements(By.TAG_NAME, "main"), name + ": no page")
                check("Lỗi" not in d.title and "Error" not in d.title, name + ": " + d.title)
                shot(d, name)
            logs = d.get_log("browser") if hasattr(d, "get_log") else []
            severe = [x for x in logs if x.get("level") == "SEVERE" and "favicon" not in x["message"]]
            check(not severe, "browser errors: %r" % severe)
            d.quit()
            # Without JavaScript the same steps work: a plain form and links.
            shutil.rmtree(profile, ignore_errors=True)
            d = browser(profile, downloads, script=False)
            d.get(base + "/")
            box = d.find_element(By.ID, "q")
            box.send_keys("binh dang gioi")
            box.send_keys(Keys.ENTER)
            wait_for(lambda: "/search?" in d.current_url, "the results page without script")
            d.find_element(By.XPATH, "//aside[@class='facets']//a[text()='Bắc Kạn']").click()
            wait_for(lambda: "province=" in d.current_url, "the facet without script")
            provs = {p.text for p in d.find_elements(By.CSS_SELECTOR, "li.hit .prov")}
            check(provs == {"Bắc Kạn"}, "the facet did not filter without script: %r" % provs)
            d.find_element(By.CSS_SELECTOR, "li.hit a.t").click()
            wait_for(lambda: "/doc/" in d.current_url, "the document without script")
            value = d.find_element(By.CSS_SELECTOR, "dl.rec a.ev")
            target = value.get_attribute("href").split("#", 1)[1]
            value.click()
            tid = wait_for(lambda: d.execute_cdp_cmd(
                "Runtime.evaluate", {"expression": "(document.querySelector(':target')||{}).id",
                                     "returnByValue": True})["result"].get("value"),
                "the :target without script")
            check(tid == target, "without script the :target is %r, not %r" % (tid, target))
        finally:
            if d:
                d.quit()
            srv.stop()
    finally:
        scratch.close()
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(downloads, ignore_errors=True)
    print("ok; screenshots in " + SHOTS)


if __name__ == "__main__":
    main()
