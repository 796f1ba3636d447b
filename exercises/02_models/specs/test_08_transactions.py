"""Challenge 8, Transactions: inventory/services.py under failures and concurrency.

Every spec runs with transaction=True: no transaction wraps the spec, so what
the code commits stays committed, as in production. Failures half-way are real
errors raised by the database connection (an execute_wrapper fails the N-th
write); concurrency is two threads with two connections to a file database.
"""

import contextlib
import threading

import pytest
from django.core import mail
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.transaction import TransactionManagementError

pytestmark = pytest.mark.django_db(transaction=True)

WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture(autouse=True)
def no_routing(settings):
    """Every query of these specs goes to "default", whatever the router of
    challenge 7 (config/routers.py) says: a half-done router can't fail them."""
    settings.DATABASE_ROUTERS = []


class Writes:
    """An execute_wrapper that counts the INSERT, UPDATE and DELETE statements and,
    when `crash_at` is set, fails that one as a lost connection would."""

    def __init__(self, crash_at=None):
        self.count = 0
        self.crash_at = crash_at

    def __call__(self, execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(WRITES):
            self.count += 1
            if self.count == self.crash_at:
                raise OperationalError("simulated crash: the connection to the database was lost")
        return execute(sql, params, many, context)


def make_items(*quantities):
    from inventory.models import StockItem, Warehouse

    items = []
    for quantity in quantities:
        warehouse = Warehouse.objects.create(name=f"Warehouse {Warehouse.objects.count() + 1}")
        items.append(StockItem.objects.create(warehouse=warehouse, sku="DUNE", quantity=quantity))
    return items


def quantities(*items):
    from inventory.models import StockItem

    return [StockItem.objects.get(pk=item.pk).quantity for item in items]


def movements(*items):
    from inventory.models import StockMovement

    return [StockMovement.objects.filter(item=item).count() for item in items]


def writes_of(function, *args):
    """How many INSERT/UPDATE/DELETE statements a successful call makes."""
    counter = Writes()
    with connection.execute_wrapper(counter):
        function(*args)
    return counter.count


def crash_on_last_write(writes, function, *args):
    """Call `function` with its last write failing; return the error it let through."""
    try:
        with connection.execute_wrapper(Writes(crash_at=writes)):
            function(*args)
    except Exception as error:
        return error
    pytest.fail(
        f"{function.__name__}() swallowed the failure of its last write; expected the "
        "error to reach the caller"
    )


def refused_by_the_database(call, error):
    """The message for a sale that hit the CheckConstraint instead of raising OutOfStock."""
    return (
        f"{call} raised {type(error).__name__} ({error}) instead of OutOfStock: the "
        "database's CheckConstraint refused a negative stock, so the subtraction ran "
        "without checking there was enough"
    )


@pytest.mark.task(1)
def test_transfer_is_all_or_nothing():
    from inventory import services

    source, target = make_items(10, 2)
    writes = writes_of(services.transfer, source.pk, target.pk, 4)
    assert quantities(source, target) == [6, 6], (
        f"transfer(4) left the quantities {quantities(source, target)}; expected [6, 6]"
    )
    try:
        services.transfer(source.pk, target.pk, 50)
        pytest.fail("transfer(50) from a stock of 6 did not raise; expected an error")
    except Exception:
        pass
    assert quantities(source, target) == [6, 6] and movements(source, target) == [1, 1], (
        f"a transfer of 50 from a stock of 6 failed, but left the quantities "
        f"{quantities(source, target)} and the movements {movements(source, target)}; "
        "expected [6, 6] and [1, 1]: the first write was kept when the second failed"
    )
    crash_on_last_write(writes, services.transfer, source.pk, target.pk, 1)
    assert quantities(source, target) == [6, 6] and movements(source, target) == [1, 1], (
        f"the connection failed on transfer()'s last write, and the quantities became "
        f"{quantities(source, target)} with the movements {movements(source, target)}; "
        "expected nothing changed ([6, 6], [1, 1]): the writes before the failure were kept"
    )


@pytest.mark.task(2)
def test_a_bad_line_is_skipped_without_a_trace():
    from inventory import services

    first, second = make_items(5, 1)
    lines = [(first.pk, 3), (second.pk, -4), (999999, 1), (first.pk, -2)]
    try:
        skipped = services.apply_adjustments(lines)
    except Exception as error:
        pytest.fail(
            f"apply_adjustments() raised {type(error).__name__} ({error}) on a bad line; "
            "expected the line skipped and the others applied"
            + (
                ". The bad line's database error was caught inside the transaction, "
                "which it broke: Django refuses every further query until the atomic "
                "block ends"
                if isinstance(error, TransactionManagementError)
                else ""
            )
        )
    assert skipped == [1, 2], f"apply_adjustments() skipped the lines {skipped}; expected [1, 2]"
    assert quantities(first, second) == [6, 1], (
        f"the quantities became {quantities(first, second)}; expected [6, 1]: the good "
        "lines applied, the bad one not"
    )
    assert movements(first, second) == [2, 0], (
        f"the items have {movements(first, second)} movements; expected [2, 0]: the "
        "skipped line (-4 from a stock of 1) left its movement behind: adjust() wrote it "
        "before the quantity failed, and catching the error didn't undo that write"
    )


@pytest.mark.task(2)
def test_an_error_half_way_applies_no_line():
    from inventory import services

    spare = make_items(5, 5)
    writes = writes_of(
        services.apply_adjustments, [(spare[0].pk, 3), (spare[1].pk, 1), (spare[0].pk, 1)]
    )
    first, second = make_items(5, 5)
    crash_on_last_write(
        writes, services.apply_adjustments, [(first.pk, 3), (second.pk, 1), (first.pk, 1)]
    )
    assert quantities(first, second) == [5, 5] and movements(first, second) == [0, 0], (
        f"the connection failed on the last line of a batch, and the quantities became "
        f"{quantities(first, second)} with the movements {movements(first, second)}; "
        "expected nothing applied ([5, 5], [0, 0]): the batch is one transaction, and "
        "only a bad line is skipped"
    )


@pytest.mark.task(3)
def test_confirmation_is_emailed_only_after_the_commit():
    from inventory import services
    from inventory.models import Order

    (item,) = make_items(5)
    with transaction.atomic():
        order = services.place_order(item.pk, 2, "ann@example.com")
        sent_inside = len(mail.outbox)
    assert sent_inside == 0, (
        "place_order() emailed the confirmation while the order's transaction was still "
        "open; if it rolls back, the customer has a confirmation for nothing"
    )
    assert [message.subject for message in mail.outbox] == [f"Order #{order.pk} confirmed"], (
        f"after the commit the outbox holds {[m.subject for m in mail.outbox]}; expected "
        f"one email, 'Order #{order.pk} confirmed'"
    )
    assert quantities(item) == [3] and Order.objects.count() == 1


@pytest.mark.task(3)
def test_no_confirmation_for_an_order_that_is_rolled_back():
    from inventory import services
    from inventory.models import Order

    class Rollback(Exception):
        pass

    (item,) = make_items(5)
    try:
        with transaction.atomic():
            services.place_order(item.pk, 2, "ann@example.com")
            raise Rollback
    except Rollback:
        pass
    assert mail.outbox == [], (
        "the caller's transaction rolled back the order, but the confirmation was emailed "
        "anyway"
    )
    try:
        services.place_order(item.pk, 50, "bob@example.com")
        pytest.fail("place_order() for 50 copies of a stock of 5 didn't raise OutOfStock")
    except services.OutOfStock:
        pass
    except IntegrityError as error:
        pytest.fail(refused_by_the_database("place_order() for 50 copies of a stock of 5", error))
    assert (Order.objects.count(), len(mail.outbox), quantities(item)) == (0, 0, [5]), (
        f"place_order() raised OutOfStock, but left {Order.objects.count()} orders, sent "
        f"{len(mail.outbox)} emails and a stock of {quantities(item)[0]}; expected no "
        "order, no email and the stock of 5: all or nothing"
    )


@pytest.mark.task(3)
def test_an_order_that_fails_half_way_leaves_nothing():
    from inventory import services
    from inventory.models import Order

    spare, item = make_items(5, 5)
    writes = writes_of(services.place_order, spare.pk, 1, "ann@example.com")
    mail.outbox.clear()
    crash_on_last_write(writes, services.place_order, item.pk, 1, "bob@example.com")
    assert (Order.objects.filter(item=item).count(), len(mail.outbox), quantities(item)) == (
        0,
        0,
        [5],
    ), (
        f"the connection failed on place_order()'s last write, which left "
        f"{Order.objects.filter(item=item).count()} orders, sent {len(mail.outbox)} emails "
        f"and a stock of {quantities(item)[0]}; expected nothing (0, 0, 5): the writes "
        "before the failure were kept, or the email went out for an order that never "
        "committed"
    )


def sell_in_two_threads(item, quantity):
    """Two threads call sell(item, quantity) at once, each on its own connection.

    Each thread's first read of the stock waits until the other thread has read
    too: a read-modify-write then reads the same quantity in both threads (what a
    busy shop does by chance, here every time). A single UPDATE doesn't read, so
    it never waits. Returns each thread's outcome: "sold", "out of stock" or the
    exception it raised."""
    from inventory import services

    barrier = threading.Barrier(2, timeout=5)
    outcomes = [None, None]

    def worker(slot):
        waited = False

        def read_together(execute, sql, params, many, context):
            nonlocal waited
            result = execute(sql, params, many, context)
            if (
                not waited
                and sql.lstrip().upper().startswith("SELECT")
                and "inventory_stockitem" in sql
            ):
                waited = True
                # A broken barrier: the other thread doesn't read, nothing to wait for.
                with contextlib.suppress(threading.BrokenBarrierError):
                    barrier.wait()
            return result

        try:
            with connection.execute_wrapper(read_together):
                services.sell(item.pk, quantity)
            outcomes[slot] = "sold"
        except services.OutOfStock:
            outcomes[slot] = "out of stock"
        except Exception as error:
            outcomes[slot] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(slot,), daemon=True) for slot in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=8)
    if any(thread.is_alive() for thread in threads):
        pytest.fail("two concurrent sell() calls didn't finish within 8 seconds")
    errors = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    if errors:
        error = errors[0]
        pytest.fail(
            f"one of two concurrent sell() calls raised {type(error).__name__}: {error}. "
            "A check in Python followed by a write can't stay right under concurrency: "
            "both sales pass the check before either writes (on SQLite, two "
            "transactions that read then write also deadlock: 'database is locked')"
        )
    return outcomes


@pytest.mark.task(4)
def test_concurrent_sales_lose_no_update():
    (item,) = make_items(10)
    outcomes = sell_in_two_threads(item, 1)
    assert outcomes == ["sold", "sold"], f"two sales of 1 from a stock of 10 ended {outcomes}"
    assert quantities(item) == [8], (
        f"two concurrent sales of 1 from a stock of 10 left {quantities(item)[0]}; "
        "expected 8: a sale was lost. Both threads read 10, subtracted in Python and "
        "wrote 9"
    )


@pytest.mark.task(4)
def test_the_last_copy_is_sold_once():
    from inventory import services

    (item,) = make_items(1)
    try:
        services.sell(item.pk, 2)
        pytest.fail("sell(2) from a stock of 1 didn't raise OutOfStock")
    except services.OutOfStock:
        pass
    except IntegrityError as error:
        pytest.fail(refused_by_the_database("sell(2) from a stock of 1", error))
    assert quantities(item) == [1], f"a refused sale changed the stock to {quantities(item)[0]}"
    outcomes = sell_in_two_threads(item, 1)
    assert sorted(outcomes) == ["out of stock", "sold"] and quantities(item) == [0], (
        f"two customers bought the last copy at the same moment: the sales ended "
        f"{outcomes} and the stock is {quantities(item)[0]}; expected one 'sold', one "
        "OutOfStock and a stock of 0. Both read 1 before either wrote: the check and the "
        "subtraction were two steps, with the other sale in between"
    )
