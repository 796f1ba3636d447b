"""Challenge 8, Transactions: moving stock without losing or inventing any.

Every function here works when nothing goes wrong and nobody else is writing.
Make each one right when something does go wrong, and when someone is.
"""

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
    # TODO: [transactions] 1. make it all or nothing: as it is, a source with too
    # little stock fails on the second line, after the first one has been saved.
    adjust(target_id, quantity, reason="transfer in")
    adjust(source_id, -quantity, reason="transfer out")


def apply_adjustments(lines):
    """Apply the corrections of a stock count, `lines` of (item_id, delta), as one
    transaction. A bad line (an unknown item, or a delta that would make the
    stock negative) is skipped, leaving no trace, and the rest is applied.
    Return the indexes of the skipped lines. Any other error applies nothing."""
    skipped = []
    # TODO: [transactions] 2. a bad line leaves its movement behind (adjust() wrote
    # it before the quantity failed), and an error half-way keeps the lines before
    # it: one transaction for the batch, a savepoint for each line.
    for index, (item_id, delta) in enumerate(lines):
        try:
            adjust(item_id, delta, reason="stock count")
        except (IntegrityError, StockItem.DoesNotExist):
            skipped.append(index)
    return skipped


def place_order(item_id, quantity, email):
    """Take the stock for an order, create it, and email the customer a
    confirmation once the order is committed: never for an order that is rolled
    back. Raise OutOfStock, creating nothing, when there is too little stock."""
    # TODO: [transactions] 3. all or nothing, and the email only after the commit
    # (transaction.on_commit): as it is, the email goes out at once, and an order
    # that then fails stays saved.
    order = Order.objects.create(item_id=item_id, quantity=quantity, email=email)
    send_confirmation(order.pk)
    sell(item_id, quantity)
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
    # TODO: [transactions] 4. read, check, subtract in Python, save: two sales at the
    # same moment both read the same quantity, and one of them is lost (or the last
    # copy is sold twice). Let the database check and subtract in one statement.
    item = StockItem.objects.get(pk=item_id)
    if item.quantity < quantity:
        raise OutOfStock(f"{item.sku}: {item.quantity} left, {quantity} asked")
    item.quantity -= quantity
    item.save()
