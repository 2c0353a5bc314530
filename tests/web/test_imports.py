"""CSV imports are all-or-nothing and list every problem by row number."""
import io

from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.org.models import Department
from tests.factories import make_department, make_user


def upload(client, url, text: str, encoding="utf-8"):
    return client.submit(url, {"file": (io.BytesIO(text.encode(encoding)), "data.csv")},
                         content_type="multipart/form-data")


def sign_in_admin(client):
    make_user("admin@example.com", roles=["admin"])
    client.login("admin@example.com")


def departments_count():
    return db.session.scalar(db.select(db.func.count(Department.id)))


def test_a_good_department_file_is_imported_with_parents_defined_later_in_the_file(client):
    sign_in_admin(client)
    csv_text = ("code,name_en,name_zh,kind,lead_email,parent_code\n"
                "CS-EAST,East service,华东客服,customer_facing,,CS\n"
                "CS,Customer Service,客户服务部,customer_facing,admin@example.com,\n")
    response = upload(client, "/admin/departments/import", csv_text)
    assert response.status_code == 302
    east = db.session.scalar(db.select(Department).where(Department.code == "CS-EAST"))
    assert east.parent.code == "CS" and east.name_zh == "华东客服"
    assert east.parent.lead.email == "admin@example.com"


def test_one_bad_row_rejects_the_whole_file_and_every_problem_is_listed(client):
    sign_in_admin(client)
    csv_text = ("code,name_en,name_zh,kind,lead_email,parent_code\n"
                "OK1,Fine,好的,support,,\n"
                "bad code,,名称,galaxy,nobody@example.com,NOPE\n"
                "OK1,Again,重复,support,,\n")
    page = upload(client, "/admin/departments/import", csv_text).get_data(as_text=True)
    assert "The file was rejected: 6 problems. Nothing was imported." in page
    for fragment in ["is not valid", "“Name (English)” is empty.", "not “galaxy”", "No user has the e-mail",
                     "Parent department “NOPE” does not exist.", "Code “OK1” is already in row 2."]:
        assert fragment in page
    assert '<td class="num">3</td>' in page and '<td class="num">4</td>' in page
    assert departments_count() == 0


def test_existing_departments_are_updated_by_code(client):
    sign_in_admin(client)
    make_department("CS", name_en="Old")
    upload(client, "/admin/departments/import",
           "code,name_en,name_zh,kind\ncs,New name,客服,customer_facing\n")
    assert db.session.scalar(db.select(Department.name_en).where(Department.code == "CS")) == "New name"
    assert departments_count() == 1


def test_a_file_without_the_required_columns_is_refused(client):
    sign_in_admin(client)
    page = upload(client, "/admin/departments/import", "name,kind\nX,support\n").get_data(as_text=True)
    assert "Missing columns: Code, Name (English), and Name (Chinese)." in page
    assert departments_count() == 0


def test_a_gb18030_file_from_excel_is_read(client):
    sign_in_admin(client)
    upload(client, "/admin/departments/import", "code,name_en,name_zh,kind\nFIN,Finance,财务部,functional\n",
           encoding="gb18030")
    assert db.session.scalar(db.select(Department.name_zh).where(Department.code == "FIN")) == "财务部"


def test_a_good_user_file_creates_users_with_roles(client, app):
    sign_in_admin(client)
    make_department("CS")
    csv_text = ("email,name,department_code,roles,job_title,locale,password\n"
                "li.na@example.com,李娜,CS,dept_lead;member,客服总监,zh,a-long-password\n"
                "gao@example.com,高飞,cs,member,,,\n")
    assert upload(client, "/admin/users/import", csv_text).status_code == 302
    li = db.session.scalar(db.select(User).where(User.email == "li.na@example.com"))
    assert li.roles == {"dept_lead", "member"} and li.department.code == "CS" and li.locale == "zh"
    assert app.test_client().login("li.na@example.com", "a-long-password").status_code == 302


def test_a_bad_user_file_writes_nothing(client):
    sign_in_admin(client)
    csv_text = ("email,name,department_code,roles\n"
                "good@example.com,Good,,member\n"
                "not-an-email,Bad,NOPE,wizard\n"
                "good@example.com,Twice,,member\n")
    page = upload(client, "/admin/users/import", csv_text).get_data(as_text=True)
    assert "Nothing was imported" in page
    for fragment in ["is not a valid e-mail address", "Department “NOPE” does not exist.", "Unknown roles: wizard",
                     "E-mail “good@example.com” is already in row 2."]:
        assert fragment in page
    assert db.session.scalar(db.select(db.func.count(User.id))) == 1


def test_import_errors_are_translated_and_name_the_column_by_its_label(client):
    sign_in_admin(client)
    client.submit("/language/zh")
    page = upload(client, "/admin/departments/import", "code,name_en,name_zh,kind\nX,,名,galaxy\n") \
        .get_data(as_text=True)
    assert '<td class="num">2</td><td>“名称（英文）”为空。</td>' in page
    assert '<td class="num">2</td><td>“类型”应为“面向客户”、“支持”或“职能”，而不是“galaxy”。</td>' in page
    assert "没有导入任何数据" in page and "name_en" not in problems(page)
    page = upload(client, "/admin/users/import", "email,name,roles,locale\nx@example.com,X,wizard,klingon\n") \
        .get_data(as_text=True)
    assert "未知角色：wizard。可用角色：" in page and "部门主管" in page
    assert "“语言”应为“English”或“中文”，而不是“klingon”。" in page


def problems(page: str) -> str:
    return page[page.find("import-errors"):page.find("</table>")]


def test_rows_are_numbered_as_the_spreadsheet_shows_them_blank_rows_included(client):
    sign_in_admin(client)
    csv_text = ("code,name_en,name_zh,kind\n"
                "OK1,Fine,好的,support\n"
                "\n"
                ",,,\n"
                '"ML","Two\nlines",多行,support\n'
                "bad code,Bad,坏,support\n")
    page = upload(client, "/admin/departments/import", csv_text).get_data(as_text=True)
    assert '<td class="num">6</td><td>Code “bad code” is not valid' in page
    assert "The file was rejected: 1 problem." in page and departments_count() == 0


def test_chinese_headers_and_values_and_names_are_read(client):
    sign_in_admin(client)
    make_department("CS", name_zh="客户服务部")
    csv_text = ("编码,名称（英文）,名称（中文）,类型,负责人邮箱,上级部门\n"
                "CS-EAST,East service,华东客服,面向客户,admin@example.com,客户服务部\n"
                "FIN,Finance,财务部,职能,,\n")
    assert upload(client, "/admin/departments/import", csv_text).status_code == 302
    east = db.session.scalar(db.select(Department).where(Department.code == "CS-EAST"))
    assert east.kind == "customer_facing" and east.parent.code == "CS" and east.lead.email == "admin@example.com"
    assert db.session.scalar(db.select(Department.kind).where(Department.code == "FIN")) == "functional"
    users = ("电子邮箱,姓名,部门,角色,语言\n"
             "li.na@example.com,李娜,华东客服,部门主管、成员,中文\n"
             "gao@example.com,Gao Fei,Finance,Member,English\n")
    assert upload(client, "/admin/users/import", users).status_code == 302
    li = db.session.scalar(db.select(User).where(User.email == "li.na@example.com"))
    assert li.roles == {"dept_lead", "member"} and li.department.code == "CS-EAST" and li.locale == "zh"
    gao = db.session.scalar(db.select(User).where(User.email == "gao@example.com"))
    assert gao.roles == {"member"} and gao.department.code == "FIN" and gao.locale == "en"


def test_the_downloaded_template_with_its_two_header_rows_imports_as_it_is(client):
    sign_in_admin(client)
    make_department("CS")
    for kind in ("departments", "users"):
        template = client.get(f"/admin/{kind}/template.csv").data.decode("utf-8-sig")
        assert template.splitlines()[1].startswith("code," if kind == "departments" else "email,")
        assert upload(client, f"/admin/{kind}/import", template).status_code == 302, kind
    assert db.session.scalar(db.select(User).where(User.email == "li.na@example.com")).department.code == "CS"
