"""The annual report: the page, the PDF in both languages, publishing immutable versions, the CLI."""
import hashlib
import subprocess
from datetime import UTC, date, datetime

import sqlalchemy as sa

from cxgov import clock
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.reports.models import ReportJob, ReportVersion
from cxgov.targets import operations as targets
from cxgov.targets import progress
from tests.factories import make_cycle, make_department, make_organisation, make_target, make_user

YEAR = clock.today().year - 1  # a closed year


def company(promise="48 小时内送装到家 <script>alert('x')</script>"):
    """Two departments with a year of targets (one achieved, one missed) and a published assessment."""
    make_organisation(brand_promise=promise)
    cs = make_department("CS", name_en="Customer Service", name_zh="客户服务部")
    fin = make_department("FIN", name_en="Finance", name_zh="财务部")
    ceo = make_user("ceo@example.com", roles=["executive"], name="王建国 Wang Jianguo")
    make_user("member@example.com", department=cs)
    make_user("cxo@example.com", roles=["cx_office"])
    achieved = make_target(cs, f"{YEAR}-03", approved=True, title="Answer within 2 hours", points=20)
    progress.post_update(achieved, date(YEAR, 3, 20), 45.0, None, "", ceo, today=date(YEAR, 3, 21))
    make_target(fin, f"{YEAR}-03", approved=True, title="Refunds within 3 days")
    targets.close_month(f"{YEAR}-03", None)
    # A cycle belongs to the year its period ran in (not the year it was published).
    cycle = make_cycle([cs, fin], state="published", name=f"{YEAR} 春季评估 Spring", opens_on=date(YEAR, 3, 1),
                       due_on=date(YEAR, 3, 20))
    cycle.published_at = datetime(YEAR, 4, 1, tzinfo=UTC)
    db.session.commit()
    return cs, fin


def pdf_text(client, url, tmp_path, name="report.pdf"):
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    path = tmp_path / name
    path.write_bytes(response.data)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return path, text


def test_the_page_computes_the_executive_summary_from_the_data(client):
    company()
    client.login("member@example.com")
    page = client.text(f"/reports/annual?year={YEAR}")
    assert f"Annual CX report · {YEAR}" in page
    assert "1 of 2 approved targets of closed months" in page  # one achieved, one missed
    assert "100% <span class=\"small muted\">(1 of 1 target of closed months)</span>" in page  # a scorecard
    assert "Highest achievement: Customer Service (100%); lowest: Finance (0%)." in page
    assert f"{YEAR} 春季评估 Spring" in page


def test_a_year_without_data_is_a_friendly_page_and_cannot_be_published(client):
    make_organisation()
    make_user("ceo@example.com", roles=["executive"])
    client.login("ceo@example.com")
    response = client.get("/reports/annual?year=2011")
    assert response.status_code == 200
    assert "There is nothing to report for 2011 yet." in response.get_data(as_text=True)
    page = client.submit("/reports/annual/2011/publish", {"lang_zh": "1"}, follow_redirects=True)
    assert "nothing was published" in page.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(ReportVersion.id))) == 0


def test_the_pdf_in_chinese_and_english_with_contents_fonts_and_pages(client, tmp_path):
    company()
    client.login("member@example.com")
    zh_path, chinese = pdf_text(client, f"/reports/annual/{YEAR}.pdf?lang=zh", tmp_path, "zh.pdf")
    en_path, english = pdf_text(client, f"/reports/annual/{YEAR}.pdf?lang=en", tmp_path, "en.pdf")
    assert f"客户体验年度报告 {YEAR}" in chinese and "客户服务部" in chinese and "执行摘要" in chinese
    assert f"Annual CX report {YEAR}" in english and "Executive summary" in english and "Finance" in english
    assert "<script>alert('x')</script>" in english  # user text printed as text, never run or dropped
    contents = english[english.index("Contents"):english.index("Contents") + 600]
    assert "Department scorecards" in contents and any(ch.isdigit() for ch in contents)  # page numbers
    fonts = subprocess.run(["pdffonts", str(zh_path)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "WenQuanYi" in line or "CJK" in line]
    assert cjk and all(" yes " in line for line in cjk)  # embedded
    info = subprocess.run(["pdfinfo", str(en_path)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= 8  # cover, contents and a page per section
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "2", str(zh_path), str(tmp_path / "page")],
                   check=True)
    rendered = sorted(tmp_path.glob("page-*.png"))
    assert len(rendered) == 2 and all(p.stat().st_size > 2000 for p in rendered)


def test_publishing_stores_immutable_versions_served_byte_for_byte(client):
    company()
    client.login("ceo@example.com")
    response = client.submit(f"/reports/annual/{YEAR}/publish", {"lang_zh": "1", "lang_en": "1"})
    job = db.session.scalar(sa.select(ReportJob))
    assert response.location == f"/reports/jobs/{job.id}"
    assert job.state == "done" and job.progress == 100
    first = db.session.scalars(sa.select(ReportVersion).order_by(ReportVersion.lang)).all()
    assert [(v.lang, v.number) for v in first] == [("en", 1), ("zh", 1)]
    en = first[0]
    download = client.get(f"/reports/versions/{en.id}.pdf")
    assert hashlib.sha256(download.data).hexdigest() == en.sha256 and download.data[:5] == b"%PDF-"
    assert client.get(f"/reports/versions/{en.id}.pdf").data == download.data
    assert "Annual CX report" in client.text(f"/reports/jobs/{job.id}")

    client.submit(f"/reports/annual/{YEAR}/publish", {"lang_en": "1"})
    versions = db.session.scalars(sa.select(ReportVersion).where(ReportVersion.lang == "en")
                                  .order_by(ReportVersion.number)).all()
    assert [v.number for v in versions] == [1, 2]
    assert client.get(f"/reports/versions/{en.id}.pdf").data == download.data  # v1 is untouched
    page = client.text(f"/reports/annual?year={YEAR}")
    assert "v2" in page and "王建国 Wang Jianguo" in page
    for version in versions:  # every page says which version it is and the moment its data was read
        text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=version.pdf, capture_output=True,
                              check=True).stdout.decode()
        pages = [p for p in text.split("\f") if p.strip()]
        assert len(pages) == version.pages
        assert all(f"Published version v{version.number} · data as of" in p for p in pages[1:])  # not the cover


def test_only_executives_and_the_cx_office_publish(client):
    company()
    client.login("member@example.com")
    assert client.submit(f"/reports/annual/{YEAR}/publish", {"lang_zh": "1"}).status_code == 403
    assert db.session.scalar(sa.select(sa.func.count(ReportJob.id))) == 0


def test_the_cli_writes_the_report(app, tmp_path):
    company()
    out = tmp_path / "annual.pdf"
    result = app.test_cli_runner().invoke(args=["cxgov", "report", "annual", "--year", str(YEAR), "--lang", "en",
                                                "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:5] == b"%PDF-" and "pages" in result.output
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert f"Annual CX report {YEAR}" in text
    bad = app.test_cli_runner().invoke(args=["cxgov", "report", "annual", "--year", str(YEAR), "--lang", "fr",
                                             "--out", str(out)])
    assert bad.exit_code != 0 and "fr" in bad.output



def test_a_publication_that_fails_in_one_language_publishes_nothing(client, monkeypatch):
    company()
    from cxgov.reports import views

    real = views.render_annual_pdf

    def render(year, lang, **options):
        if lang == "en":
            raise RuntimeError("font missing")
        return real(year, lang, **options)

    monkeypatch.setattr(views, "render_annual_pdf", render)
    client.login("ceo@example.com")
    response = client.submit(f"/reports/annual/{YEAR}/publish", {"lang_zh": "1", "lang_en": "1"},
                             follow_redirects=True)
    assert "Publishing failed; nothing was published." in response.get_data(as_text=True)
    job = db.session.scalar(sa.select(ReportJob))
    assert job.state == "failed" and "font missing" in job.error
    assert db.session.scalar(sa.select(sa.func.count(ReportVersion.id))) == 0


def test_decisions_of_unpublished_minutes_stay_out_of_the_report(client):
    from cxgov.reviews import operations as reviews

    company()
    ceo = db.session.scalar(sa.select(User).where(User.email == "ceo@example.com"))
    draft = reviews.create_review(YEAR, 2, {"chair_id": ceo.id, "meeting_on": date(YEAR, 7, 9), "place": ""},
                                  [], ceo, date(YEAR, 7, 9))
    reviews.start_meeting(draft, date(YEAR, 7, 9))
    reviews.add_decision(draft, "A decision still being argued about", ceo)
    done = reviews.create_review(YEAR, 1, {"chair_id": ceo.id, "meeting_on": date(YEAR, 4, 9), "place": ""},
                                 [], ceo, date(YEAR, 4, 9))
    reviews.start_meeting(done, date(YEAR, 4, 9))
    reviews.add_decision(done, "Answer every complaint within 2 hours", ceo)
    reviews.publish(done, ceo)
    db.session.commit()
    client.login("member@example.com")
    page = client.text(f"/reports/annual?year={YEAR}")
    assert "Answer every complaint within 2 hours" in page
    assert "A decision still being argued about" not in page


def test_a_large_company_sees_the_scorecards_a_page_at_a_time_and_the_pdf_has_them_all(client):
    from cxgov import paging
    from cxgov.reports import views

    company()
    for n in range(paging.PER_PAGE + 3):  # 30 departments in all, each with a target of the year
        dept = make_department(f"D{n:02d}", name_en=f"Branch {n:02d}", name_zh=f"分公司{n:02d}")
        make_target(dept, f"{YEAR}-03", approved=True, title=f"Target {n}")
    db.session.commit()
    client.login("ceo@example.com")
    first = client.text(f"/reports/annual?year={YEAR}")
    assert f"Departments 1–{paging.PER_PAGE} of 30; the PDF has them all." in first
    assert first.count('class="scorecard"') == paging.PER_PAGE
    assert "cards=2#scorecards" in first and "cards=2#appendix" in first
    assert "Highest achievement: Customer Service (100%)" in first  # the summary counts every department
    second = client.text(f"/reports/annual?year={YEAR}&cards=2")
    assert f"Departments {paging.PER_PAGE + 1}–30 of 30" in second and second.count('class="scorecard"') == 5
    assert client.text(f"/reports/annual?year={YEAR}&cards=99").count('class="scorecard"') == 5  # the last page
    assert client.get(f"/reports/annual?year={YEAR}&cards=abc").status_code == 200
    with client.application.test_request_context():
        html = views.annual_html(YEAR, "en")
    assert html.count('class="scorecard"') == 30 and "Departments 1–" not in html


def test_the_page_says_it_is_the_live_report_and_warns_before_publishing_a_year_with_months_still_open(client):
    import html

    cs, _fin = company()
    running = clock.today().year
    make_target(cs, f"{running}-{clock.today().month:02d}", approved=True, title="This month")
    client.login("ceo@example.com")
    closed_year = html.unescape(client.text(f"/reports/annual?year={YEAR}"))
    assert "You are reading the live report, worked out from today’s data. Nothing is published yet" in closed_year
    assert "publish-open-months" not in closed_year  # every month of a past year is closed
    this_year = html.unescape(client.text(f"/reports/annual?year={running}"))
    month = clock.today().strftime("%B %Y")
    assert f"is not closed yet ({month})" in this_year or "are not closed yet (" in this_year
    assert "before its months are closed?" in this_year
    client.submit(f"/reports/annual/{YEAR}/publish", {"lang_en": "1"})
    published = html.unescape(client.text(f"/reports/annual?year={YEAR}"))
    assert "it may differ from the published version v1 of" in published
    zh = html.unescape(client.get(f"/reports/annual?year={running}", headers={"Accept-Language": "zh"})
                       .get_data(as_text=True))
    assert f"{clock.today().year}年{clock.today().month}月" in zh and "尚未关账" in zh
