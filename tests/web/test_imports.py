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
    for fragment in ["is not valid", "Column name_en is empty.", "Kind “galaxy”", "No user has the e-mail",
                     "Parent department “NOPE” does not exist.", "Code “OK1” appears twice in the file."]:
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
    assert "Missing columns: code, name_en, name_zh." in page
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
                     "appears twice in the file"]:
        assert fragment in page
    assert db.session.scalar(db.select(db.func.count(User.id))) == 1


def test_import_errors_are_translated(client):
    sign_in_admin(client)
    client.submit("/language/zh")
    page = upload(client, "/admin/departments/import", "code,name_en,name_zh,kind\nX,,名,support\n") \
        .get_data(as_text=True)
    assert "列 name_en 为空。" in page
    assert "没有导入任何数据" in page
