"""Take screenshots of the main pages with headless Chromium, to look at them.

Usage: python scripts/screenshots.py BASE_URL OUT_DIR [locale]
Signs in as the demo admin (who also sees the admin pages) and the CEO.
"""
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
PAGES = {
    "ceo@demo.cxgov.example": ["/", "/departments", "/organisation", "/audit"],
    "admin@demo.cxgov.example": ["/admin/users", "/admin/departments", "/admin/users/1/edit",
                                 "/admin/departments/import", "/departments/5"],
}


def main(base: str, out: str, locale: str = "zh-CN") -> None:
    """Sign in as each user and save a full-page PNG per page."""
    Path(out).mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for email, paths in PAGES.items():
            context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 800})
            page = context.new_page()
            page.goto(f"{base}/login")
            page.screenshot(path=f"{out}/login.png")
            page.fill("input[name=email]", email)
            page.fill("input[name=password]", "cxgov-demo")
            page.click("main button[type=submit]")
            for path in paths:
                page.goto(base + path)
                name = path.strip("/").replace("/", "_") or "home"
                page.screenshot(path=f"{out}/{email.split('@')[0]}_{name}.png", full_page=True)
            context.close()
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
