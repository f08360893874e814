"""The LWM2M objects the simulated devices carry: resource definitions of objects 3, 4, 5, 6 and
3303 (a subset) and the plausible, per-device deterministic values they start with.

The resource IDs, names, operations, instance counts and types below are derived from the OMA
LwM2M registry definitions (3.xml, 4.xml, 5.xml, 6.xml, 3303.xml), which carry this notice:

  Copyright 2020 Open Mobile Alliance.

  Redistribution and use in source and binary forms, with or without modification, are permitted
  provided that the following conditions are met:
  1. Redistributions of source code must retain the above copyright notice, this list of
  conditions and the following disclaimer.
  2. Redistributions in binary form must reproduce the above copyright notice, this list of
  conditions and the following disclaimer in the documentation and/or other materials provided
  with the distribution.
  3. Neither the name of the copyright holder nor the names of its contributors may be used to
  endorse or promote products derived from this software without specific prior written
  permission.

  THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY EXPRESS OR
  IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY
  AND FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR
  CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR
  CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
  SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY
  THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR
  OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE
  POSSIBILITY OF SUCH DAMAGE.

  The above license is used as a license under copyright only. Please reference the OMA IPR
  Policy for patent licensing terms: https://www.omaspecworks.org/about/intellectual-property-rights/
"""

from __future__ import annotations

import random
from dataclasses import dataclass

Scalar = str | int | float | bool | bytes
Value = Scalar | dict[int, Scalar]  # a dict for a multiple-instance resource


@dataclass(frozen=True)
class Resource:
    name: str
    operations: str  # "R", "W", "RW" or "E"
    type: str  # "String", "Integer", "Unsigned Integer", "Float", "Boolean", "Time", "Opaque"
    multiple: bool = False

    @property
    def readable(self) -> bool:
        return "R" in self.operations

    @property
    def writable(self) -> bool:
        return "W" in self.operations

    @property
    def executable(self) -> bool:
        return self.operations == "E"


@dataclass(frozen=True)
class ObjectDef:
    name: str
    multiple: bool
    resources: dict[int, Resource]


def _r(name: str, operations: str, type_: str = "", multiple: bool = False) -> Resource:
    return Resource(name, operations, type_, multiple)


OBJECTS: dict[int, ObjectDef] = {
    3: ObjectDef("Device", False, {
        0: _r("Manufacturer", "R", "String"),
        1: _r("Model Number", "R", "String"),
        2: _r("Serial Number", "R", "String"),
        3: _r("Firmware Version", "R", "String"),
        4: _r("Reboot", "E"),
        5: _r("Factory Reset", "E"),
        6: _r("Available Power Sources", "R", "Integer", True),
        7: _r("Power Source Voltage", "R", "Integer", True),
        8: _r("Power Source Current", "R", "Integer", True),
        9: _r("Battery Level", "R", "Integer"),
        10: _r("Memory Free", "R", "Integer"),
        11: _r("Error Code", "R", "Integer", True),
        12: _r("Reset Error Code", "E"),
        13: _r("Current Time", "RW", "Time"),
        14: _r("UTC Offset", "RW", "String"),
        15: _r("Timezone", "RW", "String"),
        16: _r("Supported Binding and Modes", "R", "String"),
        17: _r("Device Type", "R", "String"),
        18: _r("Hardware Version", "R", "String"),
        19: _r("Software Version", "R", "String"),
        20: _r("Battery Status", "R", "Integer"),
        21: _r("Memory Total", "R", "Integer"),
    }),
    4: ObjectDef("Connectivity Monitoring", False, {
        0: _r("Network Bearer", "R", "Integer"),
        1: _r("Available Network Bearer", "R", "Integer", True),
        2: _r("Radio Signal Strength", "R", "Integer"),
        3: _r("Link Quality", "R", "Integer"),
        4: _r("IP Addresses", "R", "String", True),
        5: _r("Router IP Addresses", "R", "String", True),
        6: _r("Link Utilization", "R", "Integer"),
        7: _r("APN", "R", "String", True),
        8: _r("Cell ID", "R", "Integer"),
        9: _r("SMNC", "R", "Integer"),
        10: _r("SMCC", "R", "Integer"),
    }),
    5: ObjectDef("Firmware Update", False, {
        0: _r("Package", "W", "Opaque"),
        1: _r("Package URI", "RW", "String"),
        2: _r("Update", "E"),
        3: _r("State", "R", "Integer"),
        5: _r("Update Result", "R", "Integer"),
        6: _r("PkgName", "R", "String"),
        7: _r("PkgVersion", "R", "String"),
        8: _r("Firmware Update Protocol Support", "R", "Integer", True),
        9: _r("Firmware Update Delivery Method", "R", "Integer"),
        10: _r("Cancel", "E"),
    }),
    6: ObjectDef("Location", False, {
        0: _r("Latitude", "R", "Float"),
        1: _r("Longitude", "R", "Float"),
        2: _r("Altitude", "R", "Float"),
        3: _r("Radius", "R", "Float"),
        5: _r("Timestamp", "R", "Time"),
        6: _r("Speed", "R", "Float"),
    }),
    3303: ObjectDef("Temperature", True, {
        5700: _r("Sensor Value", "R", "Float"),
        5601: _r("Min Measured Value", "R", "Float"),
        5602: _r("Max Measured Value", "R", "Float"),
        5603: _r("Min Range Value", "R", "Float"),
        5604: _r("Max Range Value", "R", "Float"),
        5701: _r("Sensor Units", "R", "String"),
        5605: _r("Reset Min and Max Measured Values", "E"),
        5750: _r("Application Type", "RW", "String"),
        5518: _r("Timestamp", "R", "Time"),
    }),
}  # fmt: skip

# --- the simulator's own plausible values (not from the registry) --------------------------
_MAKERS = (
    ("Acme Instruments", ("AM-200 Water Meter", "AM-310 Heat Meter"), "Smart meter"),
    ("Globex Sensors", ("GS-Temp 4", "GS-Multi 2"), "Environment sensor"),
    ("Initech IoT", ("IT-Track Mini", "IT-Track Pro"), "Asset tracker"),
    ("Umbrella Metering", ("UM-Gas 6", "UM-Flow 1"), "Gas meter"),
)
_ZONES = (
    ("+01:00", "Europe/Berlin", 52.5200, 13.4050),
    ("+00:00", "Europe/Lisbon", 38.7223, -9.1393),
    ("-05:00", "America/New_York", 40.7128, -74.0060),
    ("+09:00", "Asia/Tokyo", 35.6762, 139.6503),
    ("+05:30", "Asia/Kolkata", 19.0760, 72.8777),
)
_APPLICATIONS = ("Indoor", "Outdoor", "Boiler flow", "Cold store")
_APNS = ("iot.example.net", "m2m.example.com", "nb.example.org")

Instances = dict[tuple[int, int], dict[int, Value]]  # (object, instance) -> resource values


def initial_values(device_id: str, sleeping: bool, now: float) -> Instances:
    """The object instances a device starts with: the same for the same device ID."""
    rng = random.Random(f"lwm2m-device:{device_id}")
    maker, models, device_type = rng.choice(_MAKERS)
    model = rng.choice(models)
    offset, zone, lat, lon = rng.choice(_ZONES)
    firmware = f"{rng.randint(1, 3)}.{rng.randint(0, 9)}.{rng.randint(0, 20)}"
    memory_total = rng.choice((256, 512, 1024))
    values: Instances = {
        (3, 0): {
            0: maker,
            1: model,
            2: f"{maker[:2].upper()}{rng.randrange(10**9):09d}",
            3: firmware,
            6: {0: 1, 1: 5},
            7: {0: rng.randint(3300, 3700), 1: 5000},
            8: {0: rng.randint(20, 180), 1: 900},
            9: rng.randint(5, 100),
            10: rng.randint(memory_total // 8, memory_total // 2),
            11: {0: 0},
            13: 0,  # read as the device's clock (lwm2m_device.py)
            14: offset,
            15: zone,
            16: "UQ" if sleeping else "U",
            17: device_type,
            18: f"HW-{rng.randint(1, 4)}.{rng.randint(0, 3)}",
            19: f"{rng.randint(1, 2)}.{rng.randint(0, 30)}",
            20: 0,
            21: memory_total,
        },
        (4, 0): {
            0: rng.choice((6, 7)),
            1: {0: 6, 1: 7},
            2: -rng.randint(55, 115),
            3: rng.randint(10, 100),
            4: {0: f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randint(2, 254)}"},
            5: {0: "10.0.0.1"},
            6: rng.randint(0, 40),
            7: {0: rng.choice(_APNS)},
            8: rng.randrange(1, 268_435_455),
            9: rng.randint(1, 99),
            10: 262,
        },
        (5, 0): {0: b"", 1: "", 3: 0, 5: 0, 6: "", 7: "", 8: {0: 0, 1: 3}, 9: 2},
        (6, 0): {
            0: round(lat + rng.uniform(-0.05, 0.05), 6),
            1: round(lon + rng.uniform(-0.05, 0.05), 6),
            2: round(rng.uniform(2, 120), 1),
            3: round(rng.uniform(5, 50), 1),
            5: int(now) - rng.randint(60, 7200),
            6: round(rng.uniform(0, 3), 2),
        },
    }
    sensors = rng.choice((0, 0, 1, 2, 3))
    for instance in range(sensors):
        values[(3303, instance)] = temperature_sensor(rng, now)
    return values


def temperature_sensor(rng: random.Random, now: float) -> dict[int, Value]:
    """The resources of one new 3303 instance."""
    value = round(rng.uniform(-5, 35), 1)
    return {
        5700: value,
        5601: round(value - rng.uniform(0.5, 8), 1),
        5602: round(value + rng.uniform(0.5, 8), 1),
        5603: -40.0,
        5604: 85.0,
        5701: "Cel",
        5750: rng.choice(_APPLICATIONS),
        5518: int(now),
    }
