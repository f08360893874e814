"""A vendor object definition (OMA XML) shared by the object model tests."""

USER_OBJECT = """<?xml version="1.0" encoding="UTF-8"?>
<!-- a vendor object for the tests -->
<LWM2M>
  <Object ObjectType="MODefinition">
    <Name>Pump</Name>
    <ObjectID>33001</ObjectID>
    <MultipleInstances>Multiple</MultipleInstances>
    <Mandatory>Optional</Mandatory>
    <Resources>
      <Item ID="1">
        <Name>Speed</Name><Operations>RW</Operations><MultipleInstances>Single</MultipleInstances>
        <Mandatory>Mandatory</Mandatory><Type>Integer</Type>
        <RangeEnumeration>0..3000</RangeEnumeration><Units>rpm</Units>
      </Item>
      <Item ID="2">
        <Name>Flush</Name><Operations>E</Operations><MultipleInstances>Single</MultipleInstances>
        <Mandatory>Optional</Mandatory><Type></Type>
        <RangeEnumeration></RangeEnumeration><Units></Units>
      </Item>
    </Resources>
  </Object>
</LWM2M>
"""
