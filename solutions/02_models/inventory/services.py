"""Challenge 8, Transactions: moving stock without losing or inventing any.

Each function is right when something goes wrong half-way (transactions and
savepoints), when the caller rolls back (on_commit), and when another request
writes at the same moment (one conditional UPDATE with F()).
"""

from functools import partial

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F

from inventory.models import Order, StockItem, StockMovement


class OutOfStock(Exception):
    """Not enough stock for the quantity asked."""


def adjust(item_id, delta, reason):
    """Change one item's quantity by `delta` and record the movement.

    Given: use it as it is. It writes the movement first, then the quantity, so
    a delta that would make the stock negative fails on the second write with
    IntegrityError (the CheckConstraint); an unknown item raises
    StockItem.DoesNotExist before any write.
    """
    item = StockItem.objects.get(pk=item_id)
    StockMovement.objects.create(item=item, delta=delta, reason=reason)
    StockItem.objects.filter(pk=item.pk).update(quantity=F("quantity") + delta)


def transfer(source_id, target_id, quantity):
    """Move `quantity` from the item `source_id` to the item `target_id`: both
    changes are made, or neither (when the source has too little, or anything
    fails half-way); a failure raises."""
    try:
        # One transaction: an exception anywhere inside rolls back every write made
        # in it, so no stock is invented or lost. (Inside another transaction this
        # is a savepoint, with the same all-or-nothing effect.)
        with transaction.atomic():
            adjust(source_id, -quantity, reason="transfer out")
            adjust(target_id, quantity, reason="transfer in")
    except IntegrityError as error:
        # Caught outside the atomic block, after the rollback: catching it inside
        # would hide the error from atomic(), which would then try to commit.
        raise OutOfStock(f"item {source_id} has less than {quantity} in stock") from error


def apply_adjustments(lines):
    """Apply the corrections of a stock count, `lines` of (item_id, delta), as one
    transaction. A bad line (an unknown item, or a delta that would make the
    stock negative) is skipped, leaving no trace, and the rest is applied.
    Return the indexes of the skipped lines. Any other error applies nothing."""
    skipped = []
    # The outer block makes the batch one transaction: an unexpected error (it is
    # not caught below) rolls back every line.
    with transaction.atomic():
        for index, (item_id, delta) in enumerate(lines):
            # The inner block is a savepoint: a bad line rolls back to it, taking
            # its half-written movement with it, and the transaction carries on.
            # The try goes outside the savepoint, so atomic() sees the error first.
            try:
                with transaction.atomic():
                    adjust(item_id, delta, reason="stock count")
            except (IntegrityError, StockItem.DoesNotExist):
                skipped.append(index)
    return skipped


def place_order(item_id, quantity, email):
    """Take the stock for an order, create it, and email the customer a
    confirmation once the order is committed: never for an order that is rolled
    back. Raise OutOfStock, creating nothing, when there is too little stock."""
    with transaction.atomic():
        sell(item_id, quantity)
        order = Order.objects.create(item_id=item_id, quantity=quantity, email=email)
        # on_commit runs the callback after the OUTERMOST transaction commits (right
        # away in autocommit), and drops it if that transaction, or the savepoint it
        # was registered in, rolls back. An email can't be rolled back: send it last.
        transaction.on_commit(partial(send_confirmation, order.pk))
    return order


def send_confirmation(order_id):
    """Email the confirmation of a committed order. Given: use it as it is."""
    order = Order.objects.select_related("item").get(pk=order_id)
    send_mail(
        f"Order #{order.pk} confirmed",
        f"{order.quantity} x {order.item.sku} are on their way.",
        None,
        [order.email],
    )


def sell(item_id, quantity):
    """Take `quantity` off the item's stock. Two sales at the same moment must
    both count, and the last copy is sold once: raise OutOfStock when there is
    too little, leaving the stock as it was."""
    # One statement that checks and subtracts: the database computes
    # quantity - n from the row's current value under its own write lock, so
    # concurrent sales queue up instead of overwriting each other, and the
    # quantity__gte condition makes "is there enough?" part of the same statement.
    # (select_for_update() in a transaction also works on PostgreSQL and MySQL; on
    # SQLite it is ignored and two read-then-write transactions deadlock.)
    sold = StockItem.objects.filter(pk=item_id, quantity__gte=quantity).update(
        quantity=F("quantity") - quantity
    )
    if not sold:
        raise OutOfStock(f"item {item_id}: less than {quantity} in stock")
