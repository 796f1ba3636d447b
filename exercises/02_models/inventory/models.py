"""Stock in the bookstore's warehouses, its movements, and customer orders.

Nothing here changes for challenge 8: the database itself refuses a negative
stock (a CheckConstraint), and inventory/services.py must use that well.
"""

from django.db import models
from django.db.models import Q


class Warehouse(models.Model):
    name = models.CharField(max_length=100, unique=True)

    def __str__(self):
        return self.name


class StockItem(models.Model):
    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="items")
    sku = models.CharField(max_length=32)
    quantity = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["warehouse", "sku"], name="inventory_one_item_per_sku"),
            models.CheckConstraint(
                condition=Q(quantity__gte=0), name="inventory_quantity_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.sku} in {self.warehouse}: {self.quantity}"


class StockMovement(models.Model):
    """One change of an item's quantity, for the audit trail."""

    item = models.ForeignKey(StockItem, on_delete=models.CASCADE, related_name="movements")
    delta = models.IntegerField()
    reason = models.CharField(max_length=50)
    created_at = models.DateTimeField(auto_now_add=True)


class Order(models.Model):
    item = models.ForeignKey(StockItem, on_delete=models.PROTECT, related_name="orders")
    quantity = models.PositiveIntegerField()
    email = models.EmailField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Order #{self.pk}: {self.quantity} x {self.item.sku}"
